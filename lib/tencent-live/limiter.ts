// One limiter per (endpoint, account, action), shared by every client in the process through
// globalThis, so the bulk worker, page loads and a bench cannot together exceed Tencent's limit.
//
// Two rules, both must allow a call:
// 1. A token bucket: a small burst (5% of the limit, at least 3, so an idle console answers a click at once)
//    refilled at 99% of the limit: 200/s → burst 10, refill 198/s; 20/s → burst 3, refill 19.8/s. The floor of
//    3 matters for the 20/s RecordTask actions: with a burst of 1, every event-loop stall (PGlite works in
//    process) is time a saturated 20/s queue can never make up; 3 lets it catch up, and rule 2 still caps it.
// 2. A sliding window over the actual grant times: at most `limit` grants in any 1/0.99 s (≈1.010 s), so no
//    one-second window sees more than `limit` calls even with the burst, and the server's calendar-second
//    count stays within the limit while transit times vary by up to ~10 ms. A call the server still refuses
//    is retried by the client, so the margin trades a rare retry against throughput (measured: README,
//    Benchmarks).
// The margin adapts to the link: the first refusal (the client reports it, `refused()`) shows that this link's
// transit times vary by more than 10 ms, so for the next minute the limiter keeps the wider margin it always
// used to, 97.5% (195/s, ≈1.026 s: ~25 ms of jitter). A steady link thus gets 99% of the limit, e.g. a 1,000-task
// bulk stop in 5.0 s of sending rather than 5.08 s, and a jittery one pays one retry per minute at most for it.
// Waiters are released by one pump that recomputes tokens from the real clock each time, so a stalled
// event loop (overdue timers) cannot release every overdue waiter at once, as a reservation scheme would.
// While calls are waiting, though, the bucket may fill past the burst, up to a quarter second of the limit
// (CATCH_UP_S): tokens only pile up there when the pump itself ran late, so a saturated queue (a bulk job, where
// PGlite stalls this thread for 50–300 ms at a time) makes up the stall instead of losing it. That never
// raises the sustained rate (grants since the queue filled ≤ burst + 99% × elapsed) and rule 2 still caps every
// second; an idle bucket clamps back to the plain burst, so nothing arriving fresh gets more than 5% at once.
// Waiters are served strictly in FIFO order.
// A caller may bound the queue for itself (maxQueued): people pressing Stop get RecDesk.Busy at once rather than
// an open-ended wait behind a flood of other single Stops. Only bounded waiters count towards that bound, and
// the bulk worker acquires unbounded: its own concurrency already caps what it puts in the queue.

/**
 * How many single (interactive) Stops may wait for the StopLiveRecord limiter at once in one process. At the
 * 198/s the limiter grants that is about half a second of queue: far more than people pressing Stop produce
 * together, while a runaway script or a retry storm is refused at once instead of queueing without end.
 */
export const SINGLE_STOP_QUEUE_BOUND = 100;

export interface TokenBucket {
  readonly limit: number;
  /**
   * Resolves when the call may go; acquired=false when the signal aborted first, or at once with busy=true when
   * `maxQueued` bounded waiters are already queued.
   */
  acquire(signal?: AbortSignal, opts?: { maxQueued?: number }): Promise<Grant>;
  /** Bounded waiters in the queue now (see SINGLE_STOP_QUEUE_BOUND). */
  boundedWaiting(): number;
  /** Every waiter in the queue now, bounded or not (the recdesk_limiter_queue_depth gauge). */
  waiting(): number;
  /** The server refused a call this limiter let go (RequestLimitExceeded): keep the wider margin for a while. */
  refused(): void;
}

export interface Grant {
  acquired: boolean;
  waitedMs: number;
  /** When the limiter granted the call, on its clock: what its guarantee is about, before any event-loop delay. */
  at?: number;
  busy?: boolean;
}

const SHARE = 0.99; // of the documented limit, sustained, while the server refuses nothing
const CAUTIOUS_SHARE = 0.975; // after a refusal, for CAUTIOUS_MS
const CAUTIOUS_MS = 60_000;
const CATCH_UP_S = 0.25;

interface Waiter {
  resolve: (v: Grant) => void;
  since: number;
  bounded: boolean;
  signal?: AbortSignal;
  onAbort?: () => void;
}

export function createTokenBucket(limitPerSecond: number, now: () => number = () => performance.now()): TokenBucket {
  const limit = Math.max(1, Math.floor(limitPerSecond));
  const capacity = Math.min(limit, Math.max(3, Math.ceil(limit * 0.05)));
  const catchUp = Math.max(capacity, Math.ceil(limit * CATCH_UP_S)); // only while calls wait (see above)
  let cautiousUntil = -Infinity;
  let tokens = capacity;
  let last = now();
  const grants: number[] = []; // ring of the last `limit` grant times
  let head = 0;
  const queue: Waiter[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let bounded = 0; // waiters in `queue` that asked for a bound

  function waitNeeded(t: number): number {
    const share = t < cautiousUntil ? CAUTIOUS_SHARE : SHARE;
    const rate = Math.max(1, limit * share) / 1000; // tokens per ms
    tokens = Math.min(queue.length > 0 ? catchUp : capacity, tokens + (t - last) * rate);
    last = t;
    const bucketWait = tokens >= 1 ? 0 : (1 - tokens) / rate;
    const windowWait = grants.length < limit ? 0 : grants[head]! + 1000 / share - t;
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
      if (w.bounded) bounded -= 1;
      if (w.onAbort) w.signal?.removeEventListener("abort", w.onAbort);
      w.resolve({ acquired: true, waitedMs: t - w.since, at: t });
    }
  }

  return {
    limit,
    boundedWaiting: () => bounded,
    waiting: () => queue.length,
    refused() {
      cautiousUntil = now() + CAUTIOUS_MS;
    },
    acquire(signal, opts) {
      if (signal?.aborted) return Promise.resolve({ acquired: false, waitedMs: 0 });
      const t = now();
      if (queue.length === 0 && waitNeeded(t) === 0) {
        grant(t);
        return Promise.resolve({ acquired: true, waitedMs: 0, at: t });
      }
      const isBounded = opts?.maxQueued !== undefined;
      if (isBounded && bounded >= opts.maxQueued!) return Promise.resolve({ acquired: false, waitedMs: 0, busy: true });
      return new Promise((resolve) => {
        const w: Waiter = { resolve, since: t, signal, bounded: isBounded };
        if (isBounded) bounded += 1;
        if (signal) {
          w.onAbort = () => {
            const i = queue.indexOf(w);
            if (i >= 0) {
              queue.splice(i, 1);
              if (w.bounded) bounded -= 1;
            }
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

/** Calls waiting per action now, summed over accounts and endpoints (an action name is the only label). */
export function limiterQueueDepths(): Record<string, number> {
  const depths: Record<string, number> = {};
  for (const [key, bucket] of registry().buckets) {
    const action = key.slice(key.lastIndexOf("\u0000") + 1);
    depths[action] = (depths[action] ?? 0) + bucket.waiting();
  }
  return depths;
}
