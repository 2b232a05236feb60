import "server-only";
import { getConfig } from "@/lib/config";
import { getLiveClient } from "@/lib/tencent-live";
import type { LiveResult, OnlineStream } from "@/lib/tencent-live/types";
import { indexStreams, type StreamIndex } from "./query";
import type { UpstreamError } from "./types";

/*
 * One shared view of every online stream, refreshed by at most one upstream sweep per TTL, however many
 * people keep the Streams page open. A sweep walks every page of DescribeLiveStreamOnlineList (200
 * calls for 20,000 streams, throttled to Tencent's 80/s), so it must never run per viewer.
 *
 * - Coalescing: while a sweep runs, every reader joins it instead of starting another.
 * - The TTL counts from the end of the last sweep, failed or not, so a failing upstream is not hammered.
 * - Stale-on-error: a failed sweep keeps the last good data and reports the error next to it.
 * - Readers wait for a running sweep at most waitForSweepMs, then get the previous data; the page shows
 *   its fetchedAt, so nobody mistakes old data for new.
 * - invalidate() (a stream-begin/end callback) makes the next read sweep at once rather than at the TTL, but
 *   never sooner than minGapMs after the last sweep: a burst of callbacks costs one sweep, not one each.
 */

export type OnlineStreamsFetcher = () => Promise<LiveResult<{ streams: OnlineStream[]; pages: number }>>;

export interface OnlineStreamCacheOptions {
  fetchAll: OnlineStreamsFetcher;
  ttlMs: number;
  /** How long a reader holding stale data waits for the sweep it triggered; default 3 000 ms. */
  waitForSweepMs?: number;
  /** The least time between two sweeps that invalidate() can force; default 1 000 ms. */
  minGapMs?: number;
  now?: () => number;
}

export interface OnlineSnapshot {
  /** null until the first sweep succeeds. */
  index: StreamIndex | null;
  total: number;
  pages: number;
  fetchedAt: Date | null;
  lastError: UpstreamError | null;
  sweeping: boolean;
  ttlMs: number;
}

export interface OnlineStreamCache {
  read(): Promise<OnlineSnapshot>;
  /** The data is known to be out of date (a stream began or ended): the next read sweeps again. */
  invalidate(): void;
  stats(): { sweeps: number; failures: number };
}

export function createOnlineStreamCache(opts: OnlineStreamCacheOptions): OnlineStreamCache {
  const now = opts.now ?? Date.now;
  const waitMs = opts.waitForSweepMs ?? 3_000;
  let index: StreamIndex | null = null;
  let total = 0;
  let pages = 0;
  let fetchedAt: Date | null = null;
  let lastError: UpstreamError | null = null;
  let lastSweepEndedAt: number | undefined;
  let inflight: Promise<void> | undefined;
  let invalidated = false;
  const counters = { sweeps: 0, failures: 0 };

  async function sweep(): Promise<void> {
    counters.sweeps++;
    let result: Awaited<ReturnType<OnlineStreamsFetcher>>;
    try {
      result = await opts.fetchAll();
    } catch (err) {
      // The client never throws, but building it can (e.g. the demo simulator failed to start).
      result = {
        ok: false,
        code: "RecDesk.Unavailable",
        message: (err as Error).message,
        kind: "network",
        attempts: 0,
        latencyMs: 0,
      };
    }
    if (result.ok) {
      index = indexStreams(result.data.streams);
      total = result.data.streams.length;
      pages = result.data.pages;
      fetchedAt = new Date(now());
      lastError = null;
    } else {
      counters.failures++;
      lastError = {
        code: result.code,
        message: result.message,
        requestId: result.requestId,
        kind: result.kind,
        at: new Date(now()).toISOString(),
      };
    }
  }

  function startSweepIfDue(): void {
    if (inflight) return;
    const freshFor = invalidated ? Math.min(opts.minGapMs ?? 1_000, opts.ttlMs) : opts.ttlMs;
    if (lastSweepEndedAt !== undefined && now() - lastSweepEndedAt < freshFor) return;
    // A change reported during this sweep may not be in what it fetches: it keeps the data invalidated.
    invalidated = false;
    inflight = sweep().finally(() => {
      lastSweepEndedAt = now();
      inflight = undefined;
    });
  }

  function snapshot(): OnlineSnapshot {
    return { index, total, pages, fetchedAt, lastError, sweeping: inflight !== undefined, ttlMs: opts.ttlMs };
  }

  return {
    async read() {
      startSweepIfDue();
      const running = inflight;
      if (running) {
        if (index === null && lastError === null) await running;
        else await waitAtMost(running, waitMs);
      }
      return snapshot();
    },
    invalidate() {
      invalidated = true;
    },
    stats: () => ({ ...counters }),
  };
}

function waitAtMost(p: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref?.();
    void p.finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

const KEY = Symbol.for("recdesk.streams.online-cache");

/**
 * The process-wide cache (on globalThis so every bundle of one server process, and Next's dev reloads,
 * share one cache and therefore one sweep).
 */
export function getOnlineStreamCache(): OnlineStreamCache {
  const g = globalThis as unknown as Record<symbol, OnlineStreamCache | undefined>;
  g[KEY] ??= createOnlineStreamCache({
    fetchAll: async () => (await getLiveClient()).listAllOnlineStreams(),
    ttlMs: getConfig().streamsCacheTtlMs,
  });
  return g[KEY];
}
