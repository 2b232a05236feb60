import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { OpenDatabase } from "@/lib/db/types";
import { getTask, listTasks, seedDemoTasks, startRecording, stopTask } from "@/lib/tasks";
import { drivers, openTestDb } from "../helpers/test-db";
import { auditFor, insertActors, liveFixture, oncall, support } from "./helpers";

// The largest TaskId Tencent can hand out (2^64−1), through RecDesk's own flows end to end: created by Start,
// registered, listed, stopped, and stopped on Tencent's side, with every digit intact. As a double it would
// read 18446744073709551616, one past the range, and its neighbours would collapse onto the same value.
const MAX = "18446744073709551615";
/** Four seeded neighbours (…611 to …614); CreateLiveRecord continues from base + tasks, so it hands out MAX. */
const SEED = { tasks: 4, taskIdBase: "18446744073709551611" };
const STREAM = { domainName: "push.recdesk-demo.com", appName: "live", streamName: "max_task_id_room" };

describe.each(drivers)("a recording task with the largest possible TaskId (%s)", (driver) => {
  let opened: OpenDatabase;
  let live: Awaited<ReturnType<typeof liveFixture>>;

  beforeAll(async () => {
    live = await liveFixture(SEED);
  });
  afterAll(async () => {
    await live.sim.close();
  });
  beforeEach(async () => {
    live.sim.reset(SEED);
    live.sim.clearFaults();
    live.sim.setStreamOnline({ ...STREAM, online: true });
    opened = await openTestDb(driver);
    await insertActors(opened.db);
    await seedDemoTasks(opened.db, live.sim.listTasks());
  });
  afterEach(async () => {
    await opened.close();
  });

  it("is started, listed with its exact TaskId, stopped with a RequestId, and reported stopped by Tencent", async () => {
    const seeded = live.sim.listTasks();
    expect(seeded.map((t) => t.taskId)).toEqual([
      "18446744073709551611",
      "18446744073709551612",
      "18446744073709551613",
      "18446744073709551614",
    ]);
    const creates = live.sim.callCount("CreateLiveRecord");

    // Start: one CreateLiveRecord, whose answer is the next TaskId, 2^64−1.
    const started = await startRecording(
      opened.db,
      { getClient: live.getClient },
      {
        ...STREAM,
        mode: "realtime",
        timeZone: "UTC",
        fileFormat: "mp4",
        recordType: "video",
        reason: "largest TaskId round trip",
      },
      support,
    );
    expect(started).toMatchObject({ ok: true, taskId: MAX, streamName: STREAM.streamName, state: "recording" });
    if (!started.ok) return;
    expect(started.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(live.sim.callCount("CreateLiveRecord")).toBe(creates + 1);
    expect(live.sim.listTasks().find((t) => t.taskId === MAX)).toMatchObject({ ...STREAM, state: "recording" });

    // List: the registry shows exactly that TaskId, next to (not merged with) its seeded neighbours.
    const page = await listTasks(opened.db, {}, { pageSize: 200 });
    expect(page.rows.map((r) => r.taskId).sort()).toEqual([...seeded.map((t) => t.taskId), MAX].sort());
    const { rows } = await listTasks(opened.db, { stream: STREAM.streamName });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      taskId: MAX,
      ...STREAM,
      state: "recording",
      source: "created",
      lastAction: "start",
      lastRequestId: started.requestId,
    });
    // Started real-time with no end: Tencent ends it at its 30-minute cap, and so does the registry (no false runaway).
    const endsIn = Date.parse(rows[0]!.endTime!) - Date.parse(rows[0]!.startTime!);
    expect(endsIn).toBeGreaterThanOrEqual(29 * 60_000);
    expect(endsIn).toBeLessThanOrEqual(31 * 60_000);

    // Stop: StopLiveRecord with TaskId 18446744073709551615 reaches the simulator intact and succeeds.
    const neighbourBefore = live.sim.listTasks().find((t) => t.taskId === "18446744073709551614")!.state;
    const stopped = await stopTask(
      opened.db,
      { getClient: live.getClient, pollMs: 20, joinWaitMs: 5_000 },
      { taskId: MAX, streamName: STREAM.streamName, reason: "largest TaskId round trip" },
      oncall,
    );
    expect(stopped).toMatchObject({ ok: true, taskId: MAX, streamName: STREAM.streamName, state: "stopped" });
    if (!stopped.ok) return;
    expect(stopped.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(stopped.requestId).not.toBe(started.requestId);

    // Tencent's side: exactly that task is stopped; its neighbour is untouched.
    const after = live.sim.listTasks();
    expect(after.find((t) => t.taskId === MAX)?.state).toBe("stopped");
    expect(after.find((t) => t.taskId === "18446744073709551614")?.state).toBe(neighbourBefore);

    // RecDesk's side: the row and the audit trail carry the same TaskId and the Stop's RequestId.
    expect(await getTask(opened.db, MAX)).toMatchObject({
      taskId: MAX,
      state: "stopped",
      lastAction: "stop",
      lastOk: "ok",
      lastRequestId: stopped.requestId,
      lastActionBy: oncall.actor.email,
    });
    expect(
      (await listTasks(opened.db, { state: "stopped", stream: STREAM.streamName })).rows.map((r) => r.taskId),
    ).toEqual([MAX]);
    const audit = await auditFor(opened.db, MAX);
    expect(audit.map((a) => [a.action, a.outcome, a.requestId])).toEqual([["task.stop", "ok", stopped.requestId]]);
  });
});
