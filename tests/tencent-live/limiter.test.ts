import { describe, expect, it, vi } from "vitest";
import { createTokenBucket } from "@/lib/tencent-live/limiter";

describe("token bucket", () => {
  it("lets a small burst through at once and queues the rest in order", async () => {
    const bucket = createTokenBucket(40); // burst 3 (the floor), refill 39.6/s
    const order: number[] = [];
    const grants = await Promise.all(
      Array.from({ length: 6 }, (_, i) => bucket.acquire().then((g) => (order.push(i), g))),
    );
    expect(grants.slice(0, 3).every((g) => g.acquired && g.waitedMs === 0)).toBe(true);
    expect(grants.slice(3).every((g) => g.acquired && g.waitedMs > 0)).toBe(true);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("never grants more than the limit within any one second, even after the event loop stalls", async () => {
    const bucket = createTokenBucket(20);
    const times: number[] = [];
    const all = Promise.all(
      Array.from({ length: 45 }, () => bucket.acquire().then(() => times.push(performance.now()))),
    );
    // Block the event loop for 500 ms, as a heavy render or GC pause would: overdue timers then fire together.
    await new Promise((r) => setTimeout(r, 300));
    const until = performance.now() + 500;
    while (performance.now() < until);
    await all;
    for (const t of times) expect(times.filter((x) => x >= t && x < t + 1000).length).toBeLessThanOrEqual(20);
  });

  it("lets 1,000 calls at 200/s go in 5.0 s of grants, never more than 200 in any 1/0.99 s", async () => {
    const last = await grantTimes(1000);
    const times = last.times;
    expect(times.at(-1)).toBeGreaterThanOrEqual(4990); // a burst of 10, then (1000 − 10) / 198 s
    expect(times.at(-1)).toBeLessThanOrEqual(5030);
    for (const t of times) expect(times.filter((x) => x >= t && x < t + 1000 / 0.99).length).toBeLessThanOrEqual(200);
  });

  it("after the server refuses a call, keeps the wider 97.5 % margin for a minute, then returns to 99 %", async () => {
    const cautious = await grantTimes(1000, { refusedFirst: true });
    expect(cautious.times.at(-1)).toBeGreaterThanOrEqual(5070); // (1000 − 10) / 195 s
    for (const t of cautious.times)
      expect(cautious.times.filter((x) => x >= t && x < t + 1000 / 0.975).length).toBeLessThanOrEqual(200);
    const later = await grantTimes(1000, { refusedFirst: true, thenIdleMs: 61_000 });
    expect(later.times.at(-1)).toBeLessThanOrEqual(5030);
  });

  it("makes up a 200-ms stall of a saturated queue without a second over 200, yet an idle bucket bursts only 10", async () => {
    const stalled = await grantTimes(1000, { stallAtMs: 1000, stallMs: 200 });
    expect(stalled.times.at(-1)).toBeLessThanOrEqual(5030); // as without the stall
    for (const t of stalled.times)
      expect(stalled.times.filter((x) => x >= t && x < t + 1000 / 0.99).length).toBeLessThanOrEqual(200);
    // Never ahead of the sustained rate either: by any moment, at most the burst plus 99 % of the limit since.
    for (const [i, t] of stalled.times.entries())
      expect(i + 1).toBeLessThanOrEqual(10 + Math.floor((t * 198) / 1000) + 1);
    const fresh = await grantTimes(30, { thenIdleMs: 10_000 });
    expect(fresh.times.filter((t) => t === 0)).toHaveLength(10);
  });

  it("gives up its place when the caller aborts", async () => {
    const bucket = createTokenBucket(1);
    await bucket.acquire();
    const ac = new AbortController();
    const pending = bucket.acquire(ac.signal);
    ac.abort();
    expect(await pending).toMatchObject({ acquired: false });
  });

  it("refuses a bounded caller at once past its bound, never an unbounded one, and frees a place when a waiter aborts", async () => {
    const bucket = createTokenBucket(1);
    await bucket.acquire(); // the burst: everything after this waits
    const everyone = new AbortController();
    const first = new AbortController();
    const waiting = [bucket.acquire(first.signal, { maxQueued: 2 }), bucket.acquire(everyone.signal, { maxQueued: 2 })];
    const unbounded = Array.from({ length: 5 }, () => bucket.acquire(everyone.signal));
    expect(bucket.boundedWaiting()).toBe(2);
    expect(await bucket.acquire(everyone.signal, { maxQueued: 2 })).toEqual({
      acquired: false,
      waitedMs: 0,
      busy: true,
    });
    first.abort();
    expect(await waiting[0]).toMatchObject({ acquired: false });
    expect(bucket.boundedWaiting()).toBe(1);
    waiting.push(bucket.acquire(everyone.signal, { maxQueued: 2 }));
    expect(bucket.boundedWaiting()).toBe(2);
    everyone.abort();
    const ended = await Promise.all([...waiting.slice(1), ...unbounded]);
    expect(ended.every((g) => !g.acquired && !g.busy)).toBe(true);
    expect(bucket.boundedWaiting()).toBe(0);
  });
});

/** Grant times (ms from the first acquire) of `n` calls queued at once, on a fake clock. */
async function grantTimes(
  n: number,
  o: { refusedFirst?: boolean; thenIdleMs?: number; stallAtMs?: number; stallMs?: number } = {},
) {
  vi.useFakeTimers();
  try {
    const bucket = createTokenBucket(200, () => Date.now());
    if (o.refusedFirst) bucket.refused();
    if (o.thenIdleMs) await vi.advanceTimersByTimeAsync(o.thenIdleMs);
    const t0 = Date.now();
    const times: number[] = [];
    const all = Promise.all(Array.from({ length: n }, () => bucket.acquire().then((g) => times.push(g.at! - t0))));
    if (o.stallAtMs !== undefined) {
      await vi.advanceTimersByTimeAsync(o.stallAtMs);
      // The event loop blocked: the clock moves on while no timer fires.
      vi.setSystemTime(Date.now() + o.stallMs!);
    }
    await vi.advanceTimersByTimeAsync(10_000);
    await all;
    return { times };
  } finally {
    vi.useRealTimers();
  }
}
