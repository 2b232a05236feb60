import { callbackSign } from "../callback-types";
import { postJson } from "../transport";
import type { PendingCallback } from "./callback-events";

// Delivers callbacks the way Tencent does (§1.10c): an HTTP POST of the JSON body; anything but an HTTP
// 200 within the timeout (about 20 s at Tencent) is retried every minute, up to 12 times. Each attempt
// is signed afresh (t = now + 10 minutes, sign = md5(key + t)), so a retry differs from the first
// attempt in `t` and `sign` only. Delivery runs off the API's answer path: enqueueing never waits.

export interface CallbackSenderOptions {
  /** Wait between attempts; Tencent's is a minute. */
  retryMs: number;
  /** Retries after the first attempt; Tencent's is 12. */
  maxRetries: number;
  /** How long an attempt may take before it counts as failed; Tencent waits about 20 s. */
  timeoutMs: number;
}

export const TENCENT_CALLBACK_RETRY = { retryMs: 60_000, maxRetries: 12, timeoutMs: 20_000 } as const;
/** `t` is the signature's expiry: Tencent sets it about 10 minutes after sending. */
const SIGN_VALIDITY_S = 600;
/** The delivery log is for tests and demos; keep it bounded in a long-running simulator. */
const MAX_LOG = 5_000;
/**
 * Attempts in flight at once. A bulk stop of 1,000 tasks makes 2,000 callbacks; in demo mode they go to the
 * same process's endpoint, which should see a steady stream rather than 2,000 connections at once.
 */
const MAX_IN_FLIGHT = 32;

/** One event to one URL, with its attempts: what GET /_sim/callbacks lists. */
export interface CallbackDelivery {
  id: number;
  url: string;
  eventType: number;
  recordEvent?: string;
  streamName: string;
  state: "pending" | "delivered" | "failed";
  attempts: number;
  /** The last attempt's HTTP status, or null when it got none (refused, reset, timed out). */
  lastStatus: number | null;
  lastError?: string;
  createdAt: string;
  lastAttemptAt?: string;
  nextAttemptAt?: string;
  /** The body of the last attempt, signed (the key itself is never listed). */
  body: Record<string, unknown>;
}

interface Job {
  delivery: CallbackDelivery;
  key: string;
  /** The event without t and sign: every attempt signs it afresh. */
  unsigned: Record<string, unknown>;
  timer?: NodeJS.Timeout;
  /** Cleared from the log: an attempt in flight finishes but schedules no retry. */
  dropped?: boolean;
}

export class CallbackSender {
  private jobs: Job[] = [];
  private nextId = 1;
  private readonly inFlight = new Set<AbortController>();
  /** Jobs whose attempt is due, waiting for one of the MAX_IN_FLIGHT slots. */
  private ready: Job[] = [];
  private closed = false;

  constructor(private readonly o: CallbackSenderOptions) {}

  enqueue(url: string, key: string, cb: PendingCallback): void {
    if (this.closed) return;
    const delivery: CallbackDelivery = {
      id: this.nextId++,
      url,
      eventType: Number(cb.body.event_type),
      ...(typeof cb.body.record_event === "string" ? { recordEvent: cb.body.record_event } : {}),
      streamName: String(cb.body.stream_id ?? ""),
      state: "pending",
      attempts: 0,
      lastStatus: null,
      createdAt: new Date().toISOString(),
      body: cb.body,
    };
    const job: Job = { delivery, key, unsigned: cb.body };
    this.jobs.push(job);
    this.trim();
    this.schedule(job, 0);
  }

  list(): CallbackDelivery[] {
    return this.jobs.map((j) => ({ ...j.delivery }));
  }

  clear(): void {
    for (const j of this.jobs) {
      clearTimeout(j.timer);
      j.dropped = true;
    }
    this.jobs = [];
    this.ready = [];
  }

  close(): void {
    this.closed = true;
    this.clear();
    for (const c of this.inFlight) c.abort();
  }

  private schedule(job: Job, delayMs: number): void {
    job.timer = setTimeout(() => {
      this.ready.push(job);
      this.pump();
    }, delayMs);
    job.timer.unref();
  }

  private pump(): void {
    while (this.inFlight.size < MAX_IN_FLIGHT && this.ready.length > 0) {
      void this.attempt(this.ready.shift()!).finally(() => this.pump());
    }
  }

  private async attempt(job: Job): Promise<void> {
    const d = job.delivery;
    if (this.closed || job.dropped || d.state !== "pending") return;
    const t = Math.floor(Date.now() / 1000) + SIGN_VALIDITY_S;
    d.body = { ...job.unsigned, t, sign: callbackSign(job.key, t) };
    d.attempts += 1;
    d.lastAttemptAt = new Date().toISOString();
    d.nextAttemptAt = undefined;
    const controller = new AbortController();
    this.inFlight.add(controller);
    try {
      // node:http, not fetch: in demo mode this runs inside Next, whose patched fetch is not meant for it.
      const res = await postJson({
        url: new URL(d.url),
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(d.body),
        timeoutMs: this.o.timeoutMs,
        signal: controller.signal,
      });
      d.lastStatus = res.status;
      d.lastError = undefined;
    } catch (err) {
      d.lastStatus = null;
      d.lastError = err instanceof Error ? err.message : String(err);
    } finally {
      this.inFlight.delete(controller);
    }
    if (this.closed || job.dropped) return;
    if (d.lastStatus === 200) {
      d.state = "delivered";
      return;
    }
    if (d.attempts > this.o.maxRetries) {
      d.state = "failed";
      return;
    }
    d.nextAttemptAt = new Date(Date.now() + this.o.retryMs).toISOString();
    this.schedule(job, this.o.retryMs);
  }

  /** Drops the oldest finished deliveries beyond the log's bound; pending ones are never dropped. */
  private trim(): void {
    if (this.jobs.length <= MAX_LOG) return;
    const excess = this.jobs.length - MAX_LOG;
    let dropped = 0;
    this.jobs = this.jobs.filter((j) => {
      if (dropped < excess && j.delivery.state !== "pending") {
        dropped += 1;
        return false;
      }
      return true;
    });
  }
}
