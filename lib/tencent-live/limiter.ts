// One limiter per (endpoint, account, action), shared by every client in the process through
// globalThis, so the bulk worker, page loads and a bench cannot together exceed Tencent's limit.
//
// Two rules, both must allow a call:
// 1. A token bucket: a small burst (5% of the limit, so an idle console answers a click at once) refilled at
//    97.5% of the limit: 200/s → burst 10, refill 195/s.
// 2. A sliding window over the actual grant times: at most `limit` grants in any 1/0.975 s (≈1.026 s), so no
//    one-second window sees more than `limit` calls even with the burst, and the server's calendar-second
//    count stays within the limit while transit times vary by up to ~25 ms. A call the server still refuses
//    is retried by the client, so the margin trades a rare retry against throughput: 2.5% gives up little
//    (the bulk worker reaches ~0.95–0.97 of the limit); on loopback one bench run in seven saw 1–3 calls
//    refused, all retried. SHARE is the knob if a link's jitter makes refusals common.
// Waiters are released by one pump that recomputes tokens from the real clock each time, so a stalled
// event loop (overdue timers) cannot release every overdue waiter at once, as a reservation scheme would.
// Waiters are served strictly in FIFO order.

export interface TokenBucket {
  readonly limit: number;
  /** Resolves when the call may go; acquired=false when the signal aborted first. */
  acquire(signal?: AbortSignal): Promise<{ acquired: boolean; waitedMs: number }>;
}

const SHARE = 0.975; // of the documented limit, sustained
const WINDOW_MS = 1000 / SHARE;

interface Waiter {
  resolve: (v: { acquired: boolean; waitedMs: number }) => void;
  since: number;
  signal?: AbortSignal;
  onAbort?: () => void;
}

export function createTokenBucket(limitPerSecond: number, now: () => number = () => performance.now()): TokenBucket {
  const limit = Math.max(1, Math.floor(limitPerSecond));
  const capacity = Math.max(1, Math.ceil(limit * 0.05));
  const rate = Math.max(1, limit * SHARE) / 1000; // tokens per ms
  let tokens = capacity;
  let last = now();
  const grants: number[] = []; // ring of the last `limit` grant times
  let head = 0;
  const queue: Waiter[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  function waitNeeded(t: number): number {
    tokens = Math.min(capacity, tokens + (t - last) * rate);
    last = t;
    const bucketWait = tokens >= 1 ? 0 : (1 - tokens) / rate;
    const windowWait = grants.length < limit ? 0 : grants[head]! + WINDOW_MS - t;
    return Math.max(0, bucketWait, windowWait);
  }

  function grant(t: number): void {
    tokens -= 1;
    if (grants.length < limit) grants.push(t);
    else {
      grants[head] = t;
      head = (head + 1) % limit;
    }
  }

  function pump(): void {
    timer = undefined;
    while (queue.length) {
      const t = now();
      const wait = waitNeeded(t);
      if (wait > 0) {
        timer = setTimeout(pump, Math.ceil(wait));
        return;
      }
      grant(t);
      const w = queue.shift()!;
      if (w.onAbort) w.signal?.removeEventListener("abort", w.onAbort);
      w.resolve({ acquired: true, waitedMs: t - w.since });
    }
  }

  return {
    limit,
    acquire(signal) {
      if (signal?.aborted) return Promise.resolve({ acquired: false, waitedMs: 0 });
      const t = now();
      if (queue.length === 0 && waitNeeded(t) === 0) {
        grant(t);
        return Promise.resolve({ acquired: true, waitedMs: 0 });
      }
      return new Promise((resolve) => {
        const w: Waiter = { resolve, since: t, signal };
        if (signal) {
          w.onAbort = () => {
            const i = queue.indexOf(w);
            if (i >= 0) queue.splice(i, 1);
            resolve({ acquired: false, waitedMs: now() - t });
          };
          signal.addEventListener("abort", w.onAbort, { once: true });
        }
        queue.push(w);
        if (!timer) pump();
      });
    },
  };
}

interface Registry {
  buckets: Map<string, TokenBucket>;
}

const KEY = Symbol.for("recdesk.tencent-live.limiter");

function registry(): Registry {
  const g = globalThis as unknown as Record<symbol, Registry | undefined>;
  g[KEY] ??= { buckets: new Map() };
  return g[KEY];
}

/**
 * The process-wide limiter for one action. The first caller fixes the limit; a later caller asking for a
 * lower limit replaces it (the stricter setting wins, e.g. RECDESK_STOP_RATE_LIMIT below 200).
 */
export function sharedBucket(scope: string, action: string, limitPerSecond: number): TokenBucket {
  const key = `${scope}\u0000${action}`;
  const buckets = registry().buckets;
  const existing = buckets.get(key);
  if (existing && existing.limit <= Math.floor(limitPerSecond)) return existing;
  const bucket = createTokenBucket(limitPerSecond);
  buckets.set(key, bucket);
  return bucket;
}
