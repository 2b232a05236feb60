import { describe, expect, it } from "vitest";
import type { RateWindow } from "@/lib/tencent-live/simulator";
import { clientFor, simulator } from "./helpers";

const sum = (ws: RateWindow[], k: keyof RateWindow) => ws.reduce((a, w) => a + w[k], 0);

describe("rate limits: a burst of 300 StopLiveRecord calls", () => {
  it("at the documented 200/s: none lost, none sent faster than the limit in any second, none accepted over it", async () => {
    const sim = await simulator({ streams: 50, tasks: 300, rateLimits: { StopLiveRecord: 200 } });
    try {
      const sent: number[] = [];
      // The limiter's own grant times: timestamps taken when the event arrives would add event-loop delay,
      // which on a loaded machine moves an early grant later than the next one and fakes a 201st call.
      const client = clientFor(sim, {
        onEvent: (e) => e.type === "attempt" && sent.push(e.grantedAt ?? performance.now()),
      });
      const results = await Promise.all(
        sim.listTasks().map((t) => client.stopLiveRecord({ streamName: t.streamName, taskId: t.taskId })),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(300);
      expect(sim.listTasks().every((t) => t.state === "stopped")).toBe(true);
      // What RecDesk sends: never more than 200 in any one-second window. (Arrival times at the simulator add
      // transit jitter, which on a loaded machine can push 201 into one calendar second; the simulator then
      // refuses the extra call, and the client retries it: counted below.)
      expect(sent).toHaveLength(300 + client.stats().retries);
      for (const t of sent) expect(sent.filter((x) => x >= t && x < t + 1000).length).toBeLessThanOrEqual(200);
      const windows = sim.rateWindows("StopLiveRecord");
      expect(windows.length).toBeGreaterThanOrEqual(2); // 300 calls cannot fit one second at 200/s
      for (const w of windows) expect(w.accepted).toBeLessThanOrEqual(200);
      // Anything the simulator refused was retried, never dropped.
      expect(sum(windows, "accepted")).toBe(300);
      expect(sum(windows, "limited")).toBe(client.stats().retries);
      expect(client.stats().throttledWaits).toBeGreaterThan(0);
    } finally {
      await sim.close();
    }
  });

  it("when the service allows less than configured (50/s): all 300 succeed through retries, never above 50 accepted per second", async () => {
    const sim = await simulator({ streams: 50, tasks: 300, rateLimits: { StopLiveRecord: 50 } });
    try {
      const client = clientFor(sim, { maxRetries: 12, retryBaseMs: 100, retryMaxDelayMs: 1_000 });
      const results = await Promise.all(
        sim.listTasks().map((t) => client.stopLiveRecord({ streamName: t.streamName, taskId: t.taskId })),
      );
      expect(results.filter((r) => !r.ok)).toEqual([]);
      const windows = sim.rateWindows("StopLiveRecord");
      for (const w of windows) expect(w.accepted).toBeLessThanOrEqual(50);
      expect(sum(windows, "accepted")).toBe(300);
      expect(sum(windows, "limited")).toBeGreaterThan(0);
      expect(client.stats().retries).toBe(sum(windows, "limited"));
      expect(sim.callCount("StopLiveRecord")).toBe(300 + client.stats().retries);
    } finally {
      await sim.close();
    }
  });

  it("shares one bucket between every client of the same account in the process", async () => {
    const sim = await simulator({ streams: 10, tasks: 0, rateLimits: { DescribeLiveStreamState: 40 } });
    try {
      const sent: number[] = [];
      const onEvent = (e: { type: string }) => e.type === "attempt" && sent.push(performance.now());
      const a = clientFor(sim, { rateLimits: { DescribeLiveStreamState: 40 }, onEvent });
      const b = clientFor(sim, { rateLimits: { DescribeLiveStreamState: 40 }, onEvent });
      const input = { domainName: "x.example.com", appName: "live", streamName: "s" };
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).describeLiveStreamState(input)),
      );
      expect(results.every((r) => r.ok)).toBe(true);
      const retries = a.stats().retries + b.stats().retries;
      // Two buckets would each send 40 in the first second; one shared bucket sends at most 40 between them, in
      // any one-second window. Checked where RecDesk sends, as in the first test: transit jitter may still put a
      // 41st call in one of the simulator's calendar seconds, which is then refused and retried, never lost.
      expect(sent).toHaveLength(60 + retries);
      for (const t of sent) expect(sent.filter((x) => x >= t && x < t + 1000).length).toBeLessThanOrEqual(40);
      const windows = sim.rateWindows("DescribeLiveStreamState");
      for (const w of windows) expect(w.accepted).toBeLessThanOrEqual(40);
      expect(sum(windows, "accepted")).toBe(60);
      expect(sum(windows, "limited")).toBe(retries);
    } finally {
      await sim.close();
    }
  });
});
