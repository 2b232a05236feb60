import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { recordingTasks } from "@/lib/db/schema/tasks";
import { getTask, stopTask } from "@/lib/tasks";
import { deleteTask } from "@/lib/tasks/delete-task";
import { startRecordTask } from "@/lib/tasks/start-record-task";
import { registerTaskRow } from "@/lib/tasks/task-rows";
import { UNKNOWN_RECORD_TASK_CODE } from "@/lib/tencent-live/types";
import { drivers } from "../helpers/test-db";
import { auditFor, IN_FLIGHT_MS, oncall, support, useTaskFixture } from "./helpers";

// The RecordTask family through the same flows as legacy tasks: Stop (one place branches on the family), Stop by
// ID (the TaskId's format says the family), Delete (each family's own call and refusal) and Start (CreateRecordTask).

describe.each(drivers)("RecordTask actions (%s)", (driver) => {
  const fx = useTaskFixture(driver);

  const deps = () => ({ getClient: fx.live.getClient, pollMs: 20, joinWaitMs: 5_000 });
  const hour = 3_600_000;

  /** A RecordTask recording now, made behind RecDesk's back and registered as the sweep would register it. */
  async function recordingRecordTask(streamName = `rt_${Math.random().toString(36).slice(2, 8)}`) {
    const start = new Date(Date.now() - 10 * 60_000);
    const end = new Date(start.getTime() + 2 * hour);
    const made = fx.live.sim.createRecordTask({
      streamName,
      startTime: start.toISOString(),
      endTime: end.toISOString(),
    });
    if ("error" in made) throw new Error(made.error);
    const listed = fx.live.sim.listRecordTasks().find((t) => t.taskId === made.taskId)!;
    await registerTaskRow(fx.opened.db, {
      taskId: made.taskId,
      family: "recordTask",
      streamName,
      appName: listed.appName,
      domainName: listed.domainName,
      state: "recording",
      source: "seeded",
      startTime: start,
      endTime: end,
    });
    return { taskId: made.taskId, streamName };
  }

  it("stops a RecordTask with StopRecordTask and its TaskId, shows the RequestId and audits intent and outcome", async () => {
    const task = await recordingRecordTask();
    const legacyBefore = fx.live.sim.callCount("StopLiveRecord");
    const r = await stopTask(fx.opened.db, deps(), { ...task, reason: "runaway RecordTask" }, support);
    expect(r).toMatchObject({ ok: true, taskId: task.taskId, state: "stopped" });
    expect(r.requestId).toMatch(/[0-9a-f-]{36}/);
    expect(fx.live.sim.callCount("StopRecordTask")).toBe(1);
    expect(fx.live.sim.callCount("StopLiveRecord")).toBe(legacyBefore);
    expect(fx.live.sim.listRecordTasks().find((t) => t.taskId === task.taskId)?.stoppedAt).not.toBeNull();
    const audit = await auditFor(fx.opened.db, task.taskId);
    expect(audit.map((a) => [a.action, a.outcome, a.requestId])).toEqual([["task.stop", "ok", r.requestId]]);
    expect(await getTask(fx.opened.db, task.taskId)).toMatchObject({ lastAction: "stop", lastRequestId: r.requestId });
  });

  it("two simultaneous Stops of one RecordTask send one StopRecordTask and share its RequestId", async () => {
    const task = await recordingRecordTask();
    fx.live.sim.setLatency(IN_FLIGHT_MS);
    const [a, b] = await Promise.all([
      stopTask(fx.opened.db, deps(), { ...task, reason: "first person" }, support),
      stopTask(fx.opened.db, deps(), { ...task, reason: "second person" }, oncall),
    ]);
    expect(a.ok && b.ok).toBe(true);
    expect(fx.live.sim.callCount("StopRecordTask")).toBe(1);
    expect(a.requestId).toBe(b.requestId);
    expect([a, b].some((r) => r.ok && r.coalesced)).toBe(true);
  });

  it("Stop by ID takes a RecordTask TaskId, registers it in its family, and explains an unknown one", async () => {
    const r = await stopTask(
      fx.opened.db,
      deps(),
      { taskId: "UpTbk5NoSuchTaskXyZ", streamName: "room_1", reason: "ticket gave this id" },
      support,
      { registerIfMissing: true, via: "by-id" },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe(UNKNOWN_RECORD_TASK_CODE);
    expect(r.requestId).toBeTruthy();
    expect(fx.live.sim.callCount("StopRecordTask")).toBe(1);
    const [row] = await fx.opened.db
      .select()
      .from(recordingTasks)
      .where(eq(recordingTasks.taskId, "UpTbk5NoSuchTaskXyZ"));
    expect(row).toMatchObject({ family: "recordTask", source: "registered", state: "unknown" });
  });

  it("Stop by ID still treats digits as a legacy TaskId and refuses one above 2^64−1 without a call", async () => {
    const r = await stopTask(
      fx.opened.db,
      deps(),
      { taskId: "18446744073709551616", streamName: "room_1", reason: "typo check" },
      support,
      { registerIfMissing: true, via: "by-id" },
    );
    expect(r).toMatchObject({ ok: false, code: "InvalidInput" });
    expect(fx.live.sim.callCount("StopRecordTask") + fx.live.sim.callCount("StopLiveRecord")).toBe(0);
  });

  it("deletes a RecordTask's configuration with DeleteRecordTask, audited with the reason", async () => {
    const task = await recordingRecordTask();
    const r = await deleteTask(fx.opened.db, deps(), { ...task, reason: "configuration no longer wanted" }, oncall);
    expect(r).toMatchObject({ ok: true, family: "recordTask" });
    expect(fx.live.sim.callCount("DeleteRecordTask")).toBe(1);
    expect(fx.live.sim.listRecordTasks().some((t) => t.taskId === task.taskId)).toBe(false);
    const audit = await auditFor(fx.opened.db, task.taskId);
    expect(audit.at(-1)).toMatchObject({
      action: "task.delete",
      outcome: "ok",
      reason: "configuration no longer wanted",
    });
    expect((await getTask(fx.opened.db, task.taskId))?.deletedAt).not.toBeNull();
  });

  it("refuses to delete a recording legacy task before any call, and deletes a stopped one with DeleteLiveRecord", async () => {
    const seeded = fx.live.sim.listTasks();
    const recording = seeded.find((t) => t.state === "recording")!;
    const refused = await deleteTask(
      fx.opened.db,
      deps(),
      { taskId: recording.taskId, streamName: recording.streamName, reason: "cleanup attempt" },
      oncall,
    );
    expect(refused).toMatchObject({ ok: false, code: "RecDesk.DeleteWhileRecording" });
    if (!refused.ok) expect(refused.explanation?.meaning).toContain("FailedOperation.AlterTaskState");
    expect(fx.live.sim.callCount("DeleteLiveRecord")).toBe(0);

    const stop = await stopTask(
      fx.opened.db,
      deps(),
      { taskId: recording.taskId, streamName: recording.streamName, reason: "stop first" },
      oncall,
    );
    expect(stop.ok).toBe(true);
    const deleted = await deleteTask(
      fx.opened.db,
      deps(),
      { taskId: recording.taskId, streamName: recording.streamName, reason: "cleanup after stop" },
      oncall,
    );
    expect(deleted).toMatchObject({ ok: true, family: "legacy" });
    expect(fx.live.sim.callCount("DeleteLiveRecord")).toBe(1);
    const audit = await auditFor(fx.opened.db, recording.taskId);
    expect(audit.map((a) => [a.action, a.outcome])).toEqual([
      ["task.delete", "invalid"],
      ["task.stop", "ok"],
      ["task.delete", "ok"],
    ]);
  });

  it("explains Tencent's FailedOperation.AlterTaskState when the registry did not know the legacy task records", async () => {
    const recording = fx.live.sim.listTasks().find((t) => t.state === "recording")!;
    // The registry has it as "unknown" (registered by hand), so RecDesk cannot refuse first: Tencent does.
    await fx.opened.db
      .update(recordingTasks)
      .set({ state: "unknown" })
      .where(eq(recordingTasks.taskId, recording.taskId));
    const r = await deleteTask(
      fx.opened.db,
      deps(),
      { taskId: recording.taskId, streamName: recording.streamName, reason: "cleanup attempt" },
      oncall,
    );
    expect(r).toMatchObject({ ok: false, code: "FailedOperation.AlterTaskState" });
    if (!r.ok) {
      expect(r.requestId).toBeTruthy();
      expect(r.explanation?.nextStep).toMatch(/Stop/);
    }
  });

  describe("Start in the RecordTask family", () => {
    const local = (d: Date) => d.toISOString().slice(0, 16);
    const form = (start: Date | undefined, end: Date, extra: Record<string, string> = {}) => ({
      streamName: "rt_new_stream",
      appName: "live",
      domainName: fx.live.sim.listTasks()[0]!.domainName,
      startLocal: start ? local(start) : "",
      endLocal: local(end),
      timeZone: "UTC",
      templateId: "",
      streamType: "",
      reason: "scheduled interview",
      ...extra,
    });

    it("creates a RecordTask once, registers it in its family with the chosen template, and shows the RequestId", async () => {
      const start = new Date(Date.now() + 2 * hour);
      const r = await startRecordTask(
        fx.opened.db,
        { getClient: fx.live.getClient },
        form(start, new Date(start.getTime() + hour), { templateId: "1" }),
        oncall,
      );
      expect(r.ok ? r : { code: r.code, message: r.message }).toMatchObject({ ok: true });
      if (!r.ok) return;
      expect(r.requestId).toBeTruthy();
      expect(fx.live.sim.callCount("CreateRecordTask")).toBe(1);
      const [row] = await fx.opened.db.select().from(recordingTasks).where(eq(recordingTasks.taskId, r.taskId));
      expect(row).toMatchObject({ family: "recordTask", templateId: 1, source: "created", state: "scheduled" });
      expect(fx.live.sim.listRecordTasks().some((t) => t.taskId === r.taskId)).toBe(true);
    });

    it("refuses an end more than 7 days ahead, or more than 24 h after the start, without calling Tencent", async () => {
      const far = await startRecordTask(
        fx.opened.db,
        { getClient: fx.live.getClient },
        form(undefined, new Date(Date.now() + 8 * 24 * hour)),
        oncall,
      );
      expect(far).toMatchObject({ ok: false, code: "InvalidInput" });
      if (!far.ok) expect(far.fieldErrors?.endLocal?.[0]).toMatch(/7 days/);
      const start = new Date(Date.now() + hour);
      const long = await startRecordTask(
        fx.opened.db,
        { getClient: fx.live.getClient },
        form(start, new Date(start.getTime() + 25 * hour)),
        oncall,
      );
      expect(long).toMatchObject({ ok: false, code: "InvalidInput" });
      if (!long.ok) expect(long.fieldErrors?.endLocal?.[0]).toMatch(/24 hours/);
      expect(fx.live.sim.callCount("CreateRecordTask")).toBe(0);
    });

    it("never retries CreateRecordTask: a timeout says the task may exist", async () => {
      fx.live.sim.inject({ action: "CreateRecordTask", mode: "hang" });
      const r = await startRecordTask(
        fx.opened.db,
        { getClient: fx.live.getClient },
        form(undefined, new Date(Date.now() + hour)),
        oncall,
      );
      expect(r).toMatchObject({ ok: false, mayExist: true });
      expect(fx.live.sim.callCount("CreateRecordTask")).toBe(1);
    });
  });
});
