import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

// No "server-only" here: the tests and CLI scripts count through the same module. Labels are only ever
// action names, error codes and fixed words: never an email, a stream name or a secret.

export interface RecDeskMetrics {
  registry: Registry;
  liveRequests: Counter<"action" | "code">;
  liveDuration: Histogram<"action">;
  liveRetries: Counter<"action" | "reason">;
  limiterQueueDepth: Gauge<"action">;
  bulkItems: Gauge<"state">;
  auditAppendDuration: Histogram;
  signinAttempts: Counter<"result">;
  callbacks: Counter<"event" | "result">;
}

const KEY = Symbol.for("recdesk.observability.metrics");

/** Read at scrape time by the gauges that reflect state rather than count events (set by setGaugeSources). */
interface GaugeSources {
  limiterQueueDepth?: () => Record<string, number>;
  bulkItems?: () => Promise<Record<string, number>>;
}
const sources: GaugeSources = ((globalThis as unknown as Record<symbol, GaugeSources | undefined>)[
  Symbol.for("recdesk.observability.gauge-sources")
] ??= {});

/**
 * The process's one registry, on globalThis: Next loads route handlers, pages and instrumentation in separate
 * bundles, and each would otherwise count into a registry of its own that /api/metrics never sees.
 */
export function getMetrics(): RecDeskMetrics {
  const g = globalThis as unknown as Record<symbol, RecDeskMetrics | undefined>;
  g[KEY] ??= createMetrics();
  return g[KEY];
}

function createMetrics(): RecDeskMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    liveRequests: new Counter({
      name: "recdesk_live_requests_total",
      help: 'Live API requests sent, by action and answer code ("ok" on success).',
      labelNames: ["action", "code"],
      registers,
    }),
    liveDuration: new Histogram({
      name: "recdesk_live_request_duration_seconds",
      help: "Time from sending a Live API request to its answer (one attempt), by action.",
      labelNames: ["action"],
      buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    liveRetries: new Counter({
      name: "recdesk_live_retries_total",
      help: "Live API requests retried, by action and the failure code that caused the retry.",
      labelNames: ["action", "reason"],
      registers,
    }),
    limiterQueueDepth: new Gauge({
      name: "recdesk_limiter_queue_depth",
      help: "Calls waiting for an action's rate limiter now.",
      labelNames: ["action"],
      registers,
      collect() {
        this.reset();
        for (const [action, depth] of Object.entries(sources.limiterQueueDepth?.() ?? {})) this.set({ action }, depth);
      },
    }),
    bulkItems: new Gauge({
      name: "recdesk_bulk_items",
      help: "Bulk stop items in the database, by state.",
      labelNames: ["state"],
      registers,
      async collect() {
        const counts = await sources.bulkItems?.().catch(() => undefined);
        if (!counts) return;
        this.reset();
        for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
      },
    }),
    auditAppendDuration: new Histogram({
      name: "recdesk_audit_append_duration_seconds",
      help: "Time to append records to the audit chain (one transaction).",
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    }),
    signinAttempts: new Counter({
      name: "recdesk_signin_attempts_total",
      help: "Password sign-in attempts, by result (ok, invalid, throttled, disabled, no-role, too-long, demo-password).",
      labelNames: ["result"],
      registers,
    }),
    callbacks: new Counter({
      name: "recdesk_callbacks_total",
      help: "Tencent recording callbacks received, by event and result.",
      labelNames: ["event", "result"],
      registers,
    }),
  };
}

/** Where the scrape-time gauges read their values (the limiter registry, the bulk items table). */
export function setGaugeSources(s: GaugeSources): void {
  Object.assign(sources, s);
}

/**
 * A label value from outside (an error code from Tencent's answer, a callback's event type): kept when it looks
 * like a code, otherwise "other", so a strange answer can neither smuggle text into a label nor grow the series
 * without bound.
 */
export function labelValue(text: string | undefined): string {
  if (!text) return "none";
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/.test(text) ? text : "other";
}

/** For the callbacks endpoint: one received callback, by its event type and what RecDesk did with it. */
export function countCallback(event: string, result: string): void {
  getMetrics().callbacks.inc({ event: labelValue(event), result: labelValue(result) });
}

export function countSignIn(result: string): void {
  getMetrics().signinAttempts.inc({ result: labelValue(result) });
}

/** Times one audit append (its transaction) into recdesk_audit_append_duration_seconds. */
export async function timeAuditAppend<T>(append: () => Promise<T>): Promise<T> {
  const end = getMetrics().auditAppendDuration.startTimer();
  try {
    return await append();
  } finally {
    end();
  }
}
