// One token bucket per (endpoint, account, action), shared by every client in the process through
// globalThis, so the bulk worker, page loads and a bench cannot together exceed Tencent's limit.
//
// Tencent counts calls per second. A bucket of capacity B refilled at r/s lets through at most
// B + r·T calls in any interval T, so with B + r = limit no one-second window (sliding or calendar)
// ever sees more than `limit` calls from us. We keep a small burst (5% of the limit) and refill at the
// rest: 200/s → burst 10, refill 190/s, i.e. we give up ~5% of throughput to never be throttled.

export interface TokenBucket {
  readonly limit: number;
  /** Resolves when a token is ours; false when the signal aborted first (the token is given back). */
  acquire(signal?: AbortSignal): Promise<{ acquired: boolean; waitedMs: number }>;
}

export function createTokenBucket(limitPerSecond: number, now: () => number = () => performance.now()): TokenBucket {
  const limit = Math.max(1, Math.floor(limitPerSecond));
  const capacity = Math.max(1, Math.ceil(limit * 0.05));
  const rate = Math.max(1, limit - capacity) / 1000; // tokens per ms
  let tokens = capacity;
  let last = now();

  return {
    limit,
    acquire(signal) {
      const t = now();
      tokens = Math.min(capacity, tokens + (t - last) * rate);
      last = t;
      // Reservation style: going negative books a future slot, which keeps waiters in FIFO order.
      tokens -= 1;
      if (tokens >= 0) return Promise.resolve({ acquired: true, waitedMs: 0 });
      const waitMs = Math.ceil(-tokens / rate);
      return new Promise((resolve) => {
        if (signal?.aborted) {
          tokens += 1;
          resolve({ acquired: false, waitedMs: 0 });
          return;
        }
        const onAbort = () => {
          clearTimeout(timer);
          tokens += 1;
          resolve({ acquired: false, waitedMs: now() - t });
        };
        const timer = setTimeout(() => {
          signal?.removeEventListener("abort", onAbort);
          resolve({ acquired: true, waitedMs: waitMs });
        }, waitMs);
        signal?.addEventListener("abort", onAbort, { once: true });
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
 * The process-wide bucket for one action. The first caller fixes the limit; a later caller asking for a
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
