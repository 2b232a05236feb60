import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditRecords } from "@/lib/db/schema/audit";
import { getTask, listTasks, stopTask } from "@/lib/tasks";
import { drivers } from "../helpers/test-db";
import { auditFor, IN_FLIGHT_MS, oncall, support, useTaskFixture } from "./helpers";

describe.each(drivers)("stopping a recording task (%s)", (driver) => {
  const fx = useTaskFixture(driver);

  const deps = () => ({ getClient: fx.live.getClient, pollMs: 20, joinWaitMs: 5_000 });
  const aRecordingTask = async () => {
    const { rows } = await listTasks(fx.opened.db, { state: "recording" });
    expect(rows.length).toBeGreaterThan(0);
    return rows[0]!;
  };

  it("stops a runaway recording, shows its RequestId and records intent and outcome", async () => {
    const task = await aRecordingTask();
    const before = fx.live.sim.callCount("StopLiveRecord");
    const r = await stopTask(
      fx.opened.db,
      deps(),
      { taskId: task.taskId, streamName: task.streamName, reason: "customer asked on the phone" },
      support,
    );
    expect(r).toMatchObject({ ok: true, taskId: task.taskId, state: "stopped" });
    expect(r.requestId).toMatch(/[0-9a-f-]{36}/);
    expect(fx.live.sim.callCount("StopLiveRecord")).toBe(before + 1);
    expect(fx.live.sim.listTasks().find((t) => t.taskId === task.taskId)?.state).toBe("stopped");

    const row = await getTask(fx.opened.db, task.taskId);
    expect(row).toMatchObject({
      state: "stopped",
      lastAction: "stop",
      lastOk: "ok",
      lastRequestId: r.requestId,
      lastActionBy: "support@recdesk.local",
    });
    const audit = await auditFor(fx.opened.db, task.taskId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "task.stop",
      outcome: "ok",
      requestId: r.requestId,
      actorEmail: "support@recdesk.local",
      reason: "customer asked on the phone",
      streamName: task.streamName,
    });
  });

  it("explains an account-level error and keeps the task recording with the error on the row", async () => {
    const task = await aRecordingTask();
    fx.live.sim.inject({ action: "StopLiveRecord", mode: "error", code: "ResourceNotFound.StopService" });
    const r = await stopTask(
      fx.opened.db,
      deps(),
      { taskId: task.taskId, streamName: task.streamName, reason: "runaway" },
      oncall,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe("ResourceNotFound.StopService");
    expect(r.requestId).toBeTruthy();
    expect(r.explanation).toMatchObject({ title: "Account in arrears", accountLevel: true });
    const row = await getTask(fx.opened.db, task.taskId);
    expect(row).toMatchObject({
      state: "recording",
      lastOk: "error",
      lastErrorCode: "ResourceNotFound.StopService",
      lastRequestId: r.requestId,
    });
    const audit = await auditFor(fx.opened.db, task.taskId);
    expect(audit.map((a) => [a.outcome, a.errorCode])).toEqual([["error", "ResourceNotFound.StopService"]]);
  });

  it("keeps the state but records an unknown outcome when Tencent does not answer in time", async () => {
    const task = await aRecordingTask();
    fx.live.sim.inject({ action: "StopLiveRecord", mode: "hang" });
    const r = await stopTask(
      fx.opened.db,
      deps(),
      { taskId: task.taskId, streamName: task.streamName, reason: "runaway" },
      oncall,
    );
    expect(r).toMatchObject({ ok: false, code: "RecDesk.Timeout" });
    expect((await getTask(fx.opened.db, task.taskId))?.state).toBe("recording");
    expect((await auditFor(fx.opened.db, task.taskId))[0]).toMatchObject({
      outcome: "unknown",
      errorCode: "RecDesk.Timeout",
    });
  });

  it("refuses a TaskId above 2^64−1 before any upstream call, keeps what was typed and records it invalid", async () => {
    const before = fx.live.sim.callCount();
    const typed = { taskId: "18446744073709551616", streamName: "ok_stream", reason: "typo test" };
    const r = await stopTask(fx.opened.db, deps(), typed, support, { registerIfMissing: true });
    expect(r).toMatchObject({ ok: false, code: "InvalidInput", values: typed });
    if (r.ok) return;
    expect(r.fieldErrors?.taskId?.[0]).toMatch(/18446744073709551615/);
    expect(fx.live.sim.callCount()).toBe(before);
    expect(await getTask(fx.opened.db, typed.taskId)).toBeNull();
    expect(await auditFor(fx.opened.db, typed.taskId)).toMatchObject([
      { outcome: "invalid", errorCode: "InvalidInput" },
    ]);
  });

  it("refuses bad stream names and a missing reason without calling Tencent", async () => {
    const before = fx.live.sim.callCount();
    const r = await stopTask(fx.opened.db, deps(), { taskId: "42", streamName: "a/b?c", reason: "" }, support, {
      registerIfMissing: true,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.fieldErrors ?? {}).sort()).toEqual(["reason", "streamName"]);
    expect(fx.live.sim.callCount()).toBe(before);
  });

  // A refused Stop (permission) is audited by the action wrapper: tests/audit/action-records.test.ts, "task.stop".

  it("two people pressing Stop together cause one upstream call and both see its outcome", async () => {
    const task = await aRecordingTask();
    fx.live.sim.setLatency(IN_FLIGHT_MS);
    const before = fx.live.sim.callCount("StopLiveRecord");
    const input = { taskId: task.taskId, streamName: task.streamName, reason: "runaway" };
    const [a, b] = await Promise.all([
      stopTask(fx.opened.db, deps(), input, support),
      stopTask(fx.opened.db, deps(), input, oncall),
    ]);
    fx.live.sim.setLatency(0);
    expect(fx.live.sim.callCount("StopLiveRecord")).toBe(before + 1);
    expect(a.ok && b.ok).toBe(true);
    expect(a.requestId).toBeTruthy();
    expect(b.requestId).toBe(a.requestId);
    expect([a, b].filter((r) => r.ok && r.coalesced)).toHaveLength(1);
    const audit = await auditFor(fx.opened.db, task.taskId);
    expect(audit.map((x) => x.outcome)).toEqual(["ok", "ok"]);
    expect(audit.filter((x) => (x.details as { upstreamCall?: boolean } | null)?.upstreamCall === false)).toHaveLength(
      1,
    );
  });

  it("a second Stop after the task stopped sends nothing and repeats the first RequestId", async () => {
    const task = await aRecordingTask();
    const input = { taskId: task.taskId, streamName: task.streamName, reason: "runaway" };
    const first = await stopTask(fx.opened.db, deps(), input, support);
    const calls = fx.live.sim.callCount("StopLiveRecord");
    const again = await stopTask(fx.opened.db, deps(), input, support);
    expect(again).toMatchObject({ ok: true, alreadyStopped: true, requestId: first.requestId });
    expect(fx.live.sim.callCount("StopLiveRecord")).toBe(calls);
  });

  it("a concurrent Stop shares the first one's failure too", async () => {
    const task = await aRecordingTask();
    fx.live.sim.setLatency(IN_FLIGHT_MS);
    fx.live.sim.inject({ action: "StopLiveRecord", mode: "error", code: "ResourceNotFound.FreezeService" });
    const input = { taskId: task.taskId, streamName: task.streamName, reason: "runaway" };
    const [a, b] = await Promise.all([
      stopTask(fx.opened.db, deps(), input, support),
      stopTask(fx.opened.db, deps(), input, oncall),
    ]);
    fx.live.sim.setLatency(0);
    expect(a).toMatchObject({ ok: false, code: "ResourceNotFound.FreezeService" });
    expect(b).toMatchObject({ ok: false, code: "ResourceNotFound.FreezeService", requestId: a.requestId });
  });

  it("Stop by ID of a TaskId Tencent does not know: registers it, explains ResourceNotFound.TaskId, row unknown", async () => {
    const r = await stopTask(
      fx.opened.db,
      deps(),
      { taskId: "123", streamName: "never_seen", reason: "ticket 42" },
      support,
      { registerIfMissing: true },
    );
    expect(r).toMatchObject({ ok: false, code: "ResourceNotFound.TaskId", explanation: { title: "Task not found" } });
    expect(await getTask(fx.opened.db, "123")).toMatchObject({
      state: "unknown",
      source: "registered",
      lastErrorCode: "ResourceNotFound.TaskId",
      createdByEmail: "support@recdesk.local",
    });
  });

  it("refuses a Stop that names a different stream than the registry knows", async () => {
    const task = await aRecordingTask();
    const before = fx.live.sim.callCount();
    const r = await stopTask(
      fx.opened.db,
      deps(),
      { taskId: task.taskId, streamName: "someone_else", reason: "x y z" },
      support,
      { registerIfMissing: true },
    );
    expect(r).toMatchObject({ ok: false, code: "RecDesk.StreamMismatch" });
    expect(fx.live.sim.callCount()).toBe(before);
  });

  it("never leaves an audit intent pending", async () => {
    const task = await aRecordingTask();
    await stopTask(
      fx.opened.db,
      deps(),
      { taskId: task.taskId, streamName: task.streamName, reason: "runaway" },
      support,
    );
    const pending = await fx.opened.db.select().from(auditRecords).where(eq(auditRecords.outcome, "pending"));
    expect(pending).toHaveLength(0);
  });
});
