import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLiveClient, type LiveClient } from "@/lib/tencent-live/client";
import { startSimulator, type Simulator } from "@/lib/tencent-live/simulator";
import { createOnlineStreamCache } from "@/lib/streams/online-cache";

const ONLINE_LIST = "DescribeLiveStreamOnlineList";
const STREAMS = 250; // three pages of 100: one sweep is three upstream calls

let sim: Simulator;
let client: LiveClient;
let clock: number;

beforeAll(async () => {
  sim = (await startSimulator({ streams: STREAMS, tasks: 0, latencyMs: 5 })) as Simulator;
  // No retries: a fault must reach the cache as one failed sweep.
  client = createLiveClient({
    endpoint: sim.url,
    secretId: sim.secretId,
    secretKey: sim.secretKey,
    maxRetries: 0,
    rateLimits: { [ONLINE_LIST]: 10_000 },
  });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.clearFaults();
  sim.setLatency(5);
  clock = Date.parse("2026-11-25T08:00:00Z");
});

function newCache(o: { ttlMs?: number; waitForSweepMs?: number } = {}) {
  const base = sim.callCount(ONLINE_LIST);
  const cache = createOnlineStreamCache({
    fetchAll: () => client.listAllOnlineStreams(),
    ttlMs: o.ttlMs ?? 30_000,
    waitForSweepMs: o.waitForSweepMs,
    now: () => clock,
  });
  const pagesPerSweep = Math.ceil(STREAMS / 100);
  return { cache, sweeps: () => (sim.callCount(ONLINE_LIST) - base) / pagesPerSweep };
}

describe("online stream cache", () => {
  it("serves fifty simultaneous viewers from one upstream sweep", async () => {
    const { cache, sweeps } = newCache();
    const views = await Promise.all(Array.from({ length: 50 }, () => cache.read()));
    expect(sweeps()).toBe(1);
    for (const v of views) expect(v.total).toBe(STREAMS);

    clock += 29_000; // still within the TTL
    await Promise.all(Array.from({ length: 50 }, () => cache.read()));
    expect(sweeps()).toBe(1);

    clock += 2_000; // past it: the next wave costs exactly one more sweep
    await Promise.all(Array.from({ length: 50 }, () => cache.read()));
    expect(sweeps()).toBe(2);
    expect(cache.stats()).toEqual({ sweeps: 2, failures: 0 });
  });

  it("keeps the last good list when Tencent fails, and shows the error with its RequestId", async () => {
    const { cache, sweeps } = newCache();
    const good = await cache.read();
    expect(good.lastError).toBeNull();

    sim.inject({ action: ONLINE_LIST, mode: "error", code: "ResourceNotFound.StopService", count: 100 });
    clock += 31_000;
    const stale = await cache.read();
    expect(stale.total).toBe(STREAMS);
    expect(stale.index?.ageDesc).toHaveLength(STREAMS);
    expect(stale.fetchedAt).toEqual(good.fetchedAt);
    expect(stale.lastError).toMatchObject({
      code: "ResourceNotFound.StopService",
      kind: "api",
      at: new Date(clock).toISOString(),
    });
    expect(stale.lastError?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(stale.lastError?.message).toBeTruthy();

    // A failing upstream is not hammered: the TTL counts from the failed sweep too.
    const before = sweeps();
    clock += 10_000;
    await Promise.all(Array.from({ length: 20 }, () => cache.read()));
    expect(sweeps()).toBe(before);

    sim.clearFaults();
    clock += 30_000;
    const recovered = await cache.read();
    expect(recovered.lastError).toBeNull();
    expect(recovered.fetchedAt!.getTime()).toBe(clock);
  });

  it("reports the error with no data when the very first sweep fails", async () => {
    const { cache } = newCache();
    sim.inject({ action: ONLINE_LIST, mode: "http502", count: 1 });
    const view = await cache.read();
    expect(view.index).toBeNull();
    expect(view.fetchedAt).toBeNull();
    expect(view.lastError).toMatchObject({ kind: "network" });
  });

  it("answers from the previous list when a sweep is slow, and joins that sweep instead of starting another", async () => {
    const { cache, sweeps } = newCache({ waitForSweepMs: 50 });
    const first = await cache.read();
    sim.setLatency(400);
    clock += 31_000;
    const during = await Promise.all(Array.from({ length: 10 }, () => cache.read()));
    for (const v of during) {
      expect(v.sweeping).toBe(true);
      expect(v.fetchedAt).toEqual(first.fetchedAt);
    }
    let after = await cache.read();
    for (let i = 0; after.sweeping && i < 200; i++) after = await cache.read();
    expect(after.sweeping).toBe(false);
    expect(after.fetchedAt!.getTime()).toBe(clock);
    expect(sweeps()).toBe(2);
  });

  it("sweeps again at the next read after a stream began or ended, and a burst of such callbacks costs one sweep", async () => {
    const { cache, sweeps } = newCache();
    await cache.read();
    expect(sweeps()).toBe(1);
    clock += 5_000; // well within the 30 s TTL
    for (let i = 0; i < 20; i++) cache.invalidate();
    await Promise.all(Array.from({ length: 10 }, () => cache.read()));
    expect(sweeps()).toBe(2);
    // Right after that sweep, a new invalidation waits for the minimum gap (1 s) rather than sweeping again.
    cache.invalidate();
    await cache.read();
    expect(sweeps()).toBe(2);
    clock += 1_001;
    await cache.read();
    expect(sweeps()).toBe(3);
  });
});
