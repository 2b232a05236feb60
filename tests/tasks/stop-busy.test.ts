import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "@/lib/db/types";
import { listTasks, seedDemoTasks, stopTask } from "@/lib/tasks";
import { SINGLE_STOP_QUEUE_BOUND } from "@/lib/tencent-live/limiter";
import { drivers, openTestDb } from "../helpers/test-db";
import { clientFor } from "../tencent-live/helpers";
import { auditFor, insertActors, liveFixture, oncall, support } from "./helpers";

describe.each(drivers)("single Stops past the limiter's queue bound (%s)", (driver) => {
  let opened: OpenDatabase;
  let live: Awaited<ReturnType<typeof liveFixture>>;

  beforeAll(async () => {
    live = await liveFixture();
    opened = await openTestDb(driver);
    await insertActors(opened.db);
    await seedDemoTasks(opened.db, live.sim.listTasks());
  });
  afterAll(async () => {
    await opened?.close();
    await live?.sim.close();
  });

  it("answers RecDesk.Busy at once (audited, nothing sent) past the bound, while the bulk worker's unbounded Stops still queue", async () => {
    // 1 Stop a second and a bound of 2, so the queue fills with a handful of clicks (production: 200/s, 100).
    const client = clientFor(live.sim, { rateLimits: { StopLiveRecord: 1 }, limiterScope: `busy-${randomUUID()}` });
    const deps = { getClient: async () => client, pollMs: 20, joinWaitMs: 5_000, stopQueueBound: 2 };
    const { rows } = await listTasks(opened.db, { state: "recording" });
    const tasks = rows.slice(0, 7);
    expect(tasks).toHaveLength(7);
    const before = live.sim.callCount("StopLiveRecord");

    // The order answers arrive in, not their wall-clock times (shared CI machines are too noisy for a threshold).
    const answered: Array<"ok" | "busy" | "other"> = [];
    const singles = tasks.slice(0, 6).map((t, i) =>
      stopTask(
        opened.db,
        deps,
        { taskId: t.taskId, streamName: t.streamName, reason: `click ${i}` },
        i % 2 ? oncall : support,
      ).then((r) => {
        answered.push(r.ok ? "ok" : r.code === "RecDesk.Busy" ? "busy" : "other");
        return r;
      }),
    );
    // As the bulk worker calls it: no bound, so it waits its turn even with the single-Stop queue full.
    while (answered.filter((a) => a === "busy").length < 3) await new Promise((r) => setTimeout(r, 10));
    const bulkStyle = client.stopLiveRecord({ streamName: tasks[6]!.streamName, taskId: tasks[6]!.taskId });
    const results = await Promise.all(singles);

    const busy = results.filter((r) => !r.ok && r.code === "RecDesk.Busy");
    expect(results.filter((r) => r.ok)).toHaveLength(3); // one granted at once, two from the bounded queue
    expect(busy).toHaveLength(3);
    // Refused at once, not after waiting for the queue: every refusal came before the queued Stops were answered
    // (at 1/s they wait 1 s and 2 s for their turn); only the one granted at once may come earlier.
    expect(answered.slice(0, answered.lastIndexOf("busy")).filter((a) => a === "ok").length).toBeLessThanOrEqual(1);
    for (const r of busy) {
      if (r.ok) continue;
      expect(r.message).toMatch(
        /2 StopLiveRecord calls are already waiting for the 1\/s rate limit; this one was refused at once and not sent/,
      );
      expect(r.explanation).toMatchObject({ title: "RecDesk is busy", retryable: true });
      expect(r.explanation!.nextStep).toMatch(/press Stop again/);
    }
    expect(await bulkStyle).toMatchObject({ ok: true });
    expect(live.sim.callCount("StopLiveRecord") - before).toBe(4);

    // Every refused click is in the audit trail with the code; its task is still recording.
    const busyTasks = tasks.slice(0, 6).filter((_, i) => !results[i]!.ok);
    for (const t of busyTasks) {
      const records = await auditFor(opened.db, t.taskId);
      expect(records.at(-1)).toMatchObject({ action: "task.stop", outcome: "error", errorCode: "RecDesk.Busy" });
    }
    const after = await listTasks(opened.db, { state: "recording" });
    for (const t of busyTasks) expect(after.rows.some((r) => r.taskId === t.taskId)).toBe(true);
  });

  it("uses a production bound that lets a normal burst of single Stops through", () => {
    expect(SINGLE_STOP_QUEUE_BOUND).toBeGreaterThanOrEqual(50);
  });
});
