// The client's retry timing: how long to wait before the next attempt, and a wait a cancel can cut short.
// Which failures are retried at all is decided where the answer is read (response.ts, `retryable`).

/** Full jitter in [½·step, step], step = base·2^(n−1), capped: spreads retries of a burst over time. */
export function backoffMs(attempt: number, baseMs: number, maxDelayMs: number): number {
  const step = Math.min(maxDelayMs, baseMs * 2 ** (attempt - 1));
  return Math.round(step / 2 + Math.random() * (step / 2));
}

/** Resolves true after `ms`, or false at once if `signal` aborts (then the caller gives up). */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
