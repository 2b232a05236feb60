import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sharedBucket } from "@/lib/tencent-live/limiter";
import type { Simulator } from "@/lib/tencent-live/simulator";
import { clientFor, simulator } from "./helpers";

// The limiter widens its margin for a minute after a refusal (lib/tencent-live/limiter.ts), but only if the client
// tells it: a refusal retried without a word would leave a jittery link at the thin margin, refused again and again.

describe("the client reports Tencent's refusals to the limiter", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await simulator({ control: true });
  });
  afterAll(() => sim.close());
  const recording = () => sim.listTasks().find((t) => t.state === "recording")!;

  /** The limiter a client with this scope will use for StopLiveRecord, with its refused() watched. */
  function watchedLimiter(scope: string) {
    return vi.spyOn(sharedBucket(scope, "StopLiveRecord", 200), "refused");
  }

  it("reports a RequestLimitExceeded answer once, and the retried call succeeds", async () => {
    const refused = watchedLimiter("refusal-reported");
    sim.inject({ action: "StopLiveRecord", mode: "error", code: "RequestLimitExceeded" });
    const t = recording();
    const r = await clientFor(sim, { limiterScope: "refusal-reported" }).stopLiveRecord({
      streamName: t.streamName,
      taskId: t.taskId,
    });
    expect(r).toMatchObject({ ok: true, attempts: 2 });
    expect(refused).toHaveBeenCalledTimes(1);
  });

  it("reports no other error as a refusal", async () => {
    const refused = watchedLimiter("not-a-refusal");
    const client = clientFor(sim, { limiterScope: "not-a-refusal", maxRetries: 0 });
    for (const code of ["InternalError", "ResourceNotFound.StopService"]) {
      sim.inject({ action: "StopLiveRecord", mode: "error", code });
      const t = recording();
      expect(await client.stopLiveRecord({ streamName: t.streamName, taskId: t.taskId })).toMatchObject({
        ok: false,
        code,
      });
    }
    sim.inject({ action: "StopLiveRecord", mode: "http502" });
    const t = recording();
    expect(await client.stopLiveRecord({ streamName: t.streamName, taskId: t.taskId })).toMatchObject({
      ok: false,
      kind: "network",
    });
    expect(refused).not.toHaveBeenCalled();
  });
});
