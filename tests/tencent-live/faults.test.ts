import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "@/lib/tencent-live/simulator";
import { dateToCst } from "@/lib/tencent-live/validation";
import { clientFor, simulator } from "./helpers";

const inHours = (h: number) => dateToCst(new Date(Date.now() + h * 3600_000));

describe("faults: the client turns every failure into a typed result", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await simulator({ control: true });
  });
  afterAll(() => sim.close());
  const recording = () => sim.listTasks().find((t) => t.state === "recording")!;

  it("retries a 502 from a gateway and succeeds on the next attempt", async () => {
    sim.inject({ action: "StopLiveRecord", mode: "http502" });
    const t = recording();
    const client = clientFor(sim);
    expect(await client.stopLiveRecord({ streamName: t.streamName, taskId: t.taskId })).toMatchObject({
      ok: true,
      attempts: 2,
    });
    expect(client.stats().retries).toBe(1);
  });

  it("gives up after maxRetries on a persistent 502, as a network failure", async () => {
    sim.inject({ action: "DescribeLiveDomains", mode: "http502", count: 10 });
    const before = sim.callCount("DescribeLiveDomains");
    const r = await clientFor(sim, { maxRetries: 2 }).describeLiveDomains();
    expect(r).toMatchObject({ ok: false, kind: "network", code: "RecDesk.NetworkError", attempts: 3 });
    expect(r.ok ? "" : r.message).toContain("502");
    expect(sim.callCount("DescribeLiveDomains") - before).toBe(3);
    sim.clearFaults();
  });

  it("retries a reset connection", async () => {
    sim.inject({ action: "DescribeLiveStreamState", mode: "reset" });
    const r = await clientFor(sim).describeLiveStreamState({
      domainName: "a.example.com",
      appName: "live",
      streamName: "x",
    });
    expect(r).toMatchObject({ ok: true, attempts: 2 });
  });

  it("reports a non-JSON body as malformed, without retrying", async () => {
    sim.inject({ action: "DescribeLiveDomains", mode: "non-json" });
    expect(await clientFor(sim).describeLiveDomains()).toMatchObject({
      ok: false,
      kind: "malformed",
      code: "RecDesk.MalformedResponse",
      attempts: 1,
    });
  });

  it("retries RequestLimitExceeded with back-off", async () => {
    sim.inject({
      action: "DescribeLiveDomains",
      mode: "error",
      code: "RequestLimitExceeded.UinLimitExceeded",
      count: 2,
    });
    const client = clientFor(sim);
    expect(await client.describeLiveDomains()).toMatchObject({ ok: true, attempts: 3 });
    expect(client.stats().retries).toBe(2);
  });

  it("reports a rate limit that outlasts the retries as kind rate-limit", async () => {
    sim.inject({ action: "DescribeLiveDomains", mode: "error", code: "RequestLimitExceeded", count: 5 });
    expect(await clientFor(sim, { maxRetries: 1 }).describeLiveDomains()).toMatchObject({
      ok: false,
      kind: "rate-limit",
      code: "RequestLimitExceeded",
      attempts: 2,
    });
    sim.clearFaults();
  });

  it("times out a call that is never answered, and a slow one", async () => {
    sim.inject({ action: "DescribeLiveDomains", mode: "hang" });
    expect(await clientFor(sim, { timeoutMs: 200 }).describeLiveDomains()).toMatchObject({
      ok: false,
      kind: "timeout",
      code: "RecDesk.Timeout",
      attempts: 1,
    });
    sim.inject({ action: "DescribeLiveDomains", mode: "latency", latencyMs: 600 });
    expect(await clientFor(sim, { timeoutMs: 200 }).describeLiveDomains()).toMatchObject({
      ok: false,
      kind: "timeout",
    });
    sim.inject({ action: "DescribeLiveDomains", mode: "latency", latencyMs: 50 });
    expect(await clientFor(sim, { timeoutMs: 2000 }).describeLiveDomains()).toMatchObject({ ok: true });
  });

  it("stops waiting when the caller aborts", async () => {
    sim.inject({ action: "StopLiveRecord", mode: "hang" });
    const t = recording();
    const r = clientFor(sim, { timeoutMs: 5_000 }).stopLiveRecord(
      { streamName: t.streamName, taskId: t.taskId },
      { signal: AbortSignal.timeout(100) },
    );
    expect(await r).toMatchObject({ ok: false, kind: "timeout", code: "RecDesk.Aborted" });
  });

  it("reports a refused connection as a network failure", async () => {
    const client = clientFor(sim, { endpoint: "http://127.0.0.1:1", maxRetries: 1 });
    expect(await client.describeLiveDomains()).toMatchObject({ ok: false, kind: "network", attempts: 2 });
  });

  it("never retries CreateLiveRecord, and waits more than 3 s for it", async () => {
    const client = clientFor(sim, { timeoutMs: 200 });
    for (const mode of ["http502", "reset"] as const) {
      sim.inject({ action: "CreateLiveRecord", mode });
      const before = sim.callCount("CreateLiveRecord");
      expect(
        await client.createLiveRecord({ streamName: "once", startTime: inHours(1), endTime: inHours(2) }),
      ).toMatchObject({ ok: false, kind: "network", attempts: 1 });
      expect(sim.callCount("CreateLiveRecord") - before).toBe(1);
    }
    sim.inject({ action: "CreateLiveRecord", mode: "error", code: "RequestLimitExceeded" });
    expect(
      await client.createLiveRecord({ streamName: "once", startTime: inHours(1), endTime: inHours(2) }),
    ).toMatchObject({ ok: false, kind: "rate-limit", attempts: 1 });
    // A 1.5 s answer would time out at the configured 200 ms; Create's floor of 3.5 s lets it land.
    sim.inject({ action: "CreateLiveRecord", mode: "latency", latencyMs: 1_500 });
    expect(
      await client.createLiveRecord({ streamName: "once", startTime: inHours(1), endTime: inHours(2) }),
    ).toMatchObject({ ok: true, attempts: 1 });
  });
});

describe("the /_sim/ control API", () => {
  it("is refused unless the simulator was started with control enabled", async () => {
    const sim = await simulator();
    try {
      const r = await fetch(`${sim.url}/_sim/calls`);
      expect(r.status).toBe(403);
      expect(
        (await fetch(`${sim.url}/_sim/faults`, { method: "POST", body: JSON.stringify({ mode: "hang" }) })).status,
      ).toBe(403);
    } finally {
      await sim.close();
    }
  });

  it("injects faults, sets latency, counts calls, and resets and reseeds over HTTP", async () => {
    const sim = await simulator({ control: true });
    try {
      const post = (path: string, body: unknown) =>
        fetch(`${sim.url}/_sim/${path}`, { method: "POST", body: JSON.stringify(body) });
      const client = clientFor(sim);
      expect(
        (
          await post("faults", {
            action: "DescribeLiveDomains",
            mode: "error",
            code: "ResourceNotFound.StopService",
            count: 2,
          })
        ).status,
      ).toBe(200);
      expect(await client.describeLiveDomains()).toMatchObject({ ok: false, code: "ResourceNotFound.StopService" });
      expect(await client.describeLiveDomains()).toMatchObject({ ok: false, code: "ResourceNotFound.StopService" });
      expect(await client.describeLiveDomains()).toMatchObject({ ok: true });
      expect((await post("faults", { mode: "bogus" })).status).toBe(400);

      const calls = (await (await fetch(`${sim.url}/_sim/calls`)).json()) as {
        total: number;
        byAction: Record<string, number>;
        rateWindows: Record<string, unknown[]>;
      };
      expect(calls.byAction.DescribeLiveDomains).toBe(3);
      expect(calls.rateWindows.DescribeLiveDomains!.length).toBeGreaterThan(0);

      expect((await post("latency", { latencyMs: 300 })).status).toBe(200);
      expect(await clientFor(sim, { timeoutMs: 100, maxRetries: 0 }).describeLiveDomains()).toMatchObject({
        ok: false,
        kind: "timeout",
      });
      await post("latency", { latencyMs: 0 });

      await post("streams", { streamName: "walk_in", online: true });
      const online = await client.describeLiveStreamOnlineList({ streamName: "walk_in" });
      expect(online.ok && online.data.totalNum).toBe(1);

      const first = sim.listTasks();
      expect((await post("reset", { seed: 99, tasks: 5, taskIdBase: "9007199254740993" })).status).toBe(200);
      expect(sim.listTasks().map((t) => t.taskId)).toEqual([
        "9007199254740993",
        "9007199254740994",
        "9007199254740995",
        "9007199254740996",
        "9007199254740997",
      ]);
      expect(sim.listTasks()).not.toEqual(first);
      expect(sim.callCount()).toBe(0);
      const tasks = (await (await fetch(`${sim.url}/_sim/tasks`)).json()) as { tasks: unknown[] };
      expect(tasks.tasks).toHaveLength(5);
    } finally {
      await sim.close();
    }
  });
});
