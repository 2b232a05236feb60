import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { AuthCheck } from "@/lib/auth/actor";
import { createBulkJob } from "@/lib/bulk/create";
import { recordingTasks } from "@/lib/db/schema/tasks";
import type { Database, OpenDatabase } from "@/lib/db/types";
import { registerTask } from "@/lib/tasks/register-task";
import { getTaskRow } from "@/lib/tasks/registry";
import { stopTask } from "@/lib/tasks/stop-task";
import { drivers, openTestDb } from "../helpers/test-db";
import { auditFor, insertActors, liveFixture, oncall, support } from "./helpers";

// The server action itself, with only the permission gate, the process database and Next's cache swapped:
// validation, the registry, bulk items, the audit chain and the simulator are real.
const state = vi.hoisted(() => ({ check: null as unknown as AuthCheck, db: null as unknown as Database }));
vi.mock("@/lib/auth/require", () => ({ requirePermission: vi.fn(async () => state.check) }));
vi.mock("@/lib/db", () => ({ getDb: async () => state.db }));
vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  revalidatePath: () => {},
}));

const { correctRegistrationAction } = await import("@/app/(console)/tasks/actions");
const { requirePermission } = await import("@/lib/auth/require");

const ORIGIN = { clientIp: "198.51.100.77", userAgent: "correct-test" };
const allowed: AuthCheck = {
  ok: true,
  actor: { userId: oncall.actor.userId!, email: oncall.actor.email!, name: "On Call", role: "oncall" },
  origin: ORIGIN,
};
const deniedAs = (role: "support" | "manager"): AuthCheck => ({
  ok: false,
  code: "Forbidden",
  message: `Your role (${role}) may not do this.`,
  actor: { userId: role === "support" ? support.actor.userId : undefined, email: `${role}@recdesk.local`, role },
  origin: ORIGIN,
});

const form = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
};

describe.each(drivers)("correcting a task's registration (%s)", (driver) => {
  let opened: OpenDatabase;
  let db: Database;
  let live: Awaited<ReturnType<typeof liveFixture>>;
  let n = 0;
  /** A real simulator task, registered under the wrong stream name (as a mistyped registration would). */
  async function wronglyRegistered() {
    const task = live.sim.listTasks()[n++]!;
    const r = await registerTask(
      db,
      {
        taskId: task.taskId,
        streamName: `${task.streamName}_typo`,
        appName: task.appName,
        domainName: task.domainName,
      },
      support,
    );
    expect(r).toMatchObject({ ok: true });
    return task;
  }

  beforeAll(async () => {
    live = await liveFixture();
    opened = await openTestDb(driver);
    db = opened.db;
    state.db = db;
    await insertActors(db);
  });
  afterAll(async () => {
    await opened?.close();
    await live?.sim.close();
  });
  beforeEach(() => {
    state.check = allowed;
  });

  it("makes an unstoppable task stoppable: Stop by ID reports the mismatch, the correction is audited with old and new names, then Stop works", async () => {
    const task = await wronglyRegistered();
    const byId = await stopTask(
      db,
      { getClient: live.getClient },
      { taskId: task.taskId, streamName: task.streamName, reason: "ticket 9" },
      oncall,
      { registerIfMissing: true },
    );
    expect(byId).toMatchObject({
      ok: false,
      code: "RecDesk.StreamMismatch",
      values: { streamName: task.streamName, taskId: task.taskId },
    });
    expect(byId.ok || byId.message).toContain(`as stream "${task.streamName}_typo", not "${task.streamName}"`);

    const r = await correctRegistrationAction(
      null,
      form({ taskId: task.taskId, streamName: task.streamName, reason: "ticket 9: registered with a typo" }),
    );
    expect(vi.mocked(requirePermission)).toHaveBeenLastCalledWith("task:correct");
    expect(r).toMatchObject({
      ok: true,
      taskId: task.taskId,
      from: { streamName: `${task.streamName}_typo` },
      to: { streamName: task.streamName, appName: task.appName, domainName: task.domainName.toLowerCase() },
    });
    const audit = (await auditFor(db, task.taskId)).filter((a) => a.action === "task.correct");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      outcome: "ok",
      actorEmail: oncall.actor.email,
      actorRole: "oncall",
      clientIp: ORIGIN.clientIp,
      streamName: task.streamName,
      reason: "ticket 9: registered with a typo",
      details: {
        from: { streamName: `${task.streamName}_typo` },
        to: { streamName: task.streamName },
        bulkItemsUpdated: 0,
      },
    });

    const stop = await stopTask(
      db,
      { getClient: live.getClient },
      { taskId: task.taskId, streamName: task.streamName, reason: "ticket 9" },
      oncall,
    );
    expect(stop).toMatchObject({ ok: true, state: "stopped" });
    expect(stop.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("gives a running bulk job's queued item the corrected stream, and leaves finished items alone", async () => {
    const task = await wronglyRegistered();
    const job = await createBulkJob(
      db,
      {
        actor: oncall.actor as never,
        reason: "bulk",
        targets: [{ taskId: task.taskId, streamName: `${task.streamName}_typo` }],
      },
      10,
    );
    if (!job.ok) throw new Error(job.message);
    const r = await correctRegistrationAction(
      null,
      form({ taskId: task.taskId, streamName: task.streamName, reason: "fix before the job reaches it" }),
    );
    expect(r).toMatchObject({ ok: true, bulkItemsUpdated: 1 });
    const items = await db.execute(sql`select stream_name from bulk_items where job_id = ${job.jobId}::uuid`);
    expect(items.rows).toEqual([{ stream_name: task.streamName }]);
  });

  for (const role of ["support", "manager"] as const) {
    it(`refuses ${role}: a denied audit record, and the registration unchanged`, async () => {
      const task = await wronglyRegistered();
      state.check = deniedAs(role);
      const r = await correctRegistrationAction(
        null,
        form({ taskId: task.taskId, streamName: task.streamName, reason: "I think it is wrong" }),
      );
      expect(r).toMatchObject({ ok: false, code: "Forbidden", values: { streamName: task.streamName } });
      expect((await getTaskRow(db, task.taskId))?.streamName).toBe(`${task.streamName}_typo`);
      const audit = (await auditFor(db, task.taskId)).filter((a) => a.action === "task.correct");
      expect(audit).toEqual([
        expect.objectContaining({
          outcome: "denied",
          errorCode: "Forbidden",
          actorRole: role,
          streamName: task.streamName,
          reason: "I think it is wrong",
        }),
      ]);
    });
  }

  it("refuses invalid input with field errors, an unknown TaskId, no change, and a Stop in flight: each audited, nothing changed", async () => {
    const task = await wronglyRegistered();
    const cases: [Record<string, string>, string, string?][] = [
      [{ taskId: task.taskId, streamName: task.streamName, reason: "" }, "InvalidInput", "reason"],
      [{ taskId: task.taskId, streamName: "bad stream/name", reason: "ticket" }, "InvalidInput", "streamName"],
      [{ taskId: "0x10", streamName: task.streamName, reason: "ticket" }, "InvalidInput", "taskId"],
      [
        { taskId: "18446744073709551615", streamName: task.streamName, reason: "ticket" },
        "RecDesk.TaskNotRegistered",
        "taskId",
      ],
      [
        { taskId: task.taskId, streamName: `${task.streamName}_typo`, reason: "ticket" },
        "RecDesk.NothingToCorrect",
        "streamName",
      ],
    ];
    for (const [fields, code, field] of cases) {
      const r = await correctRegistrationAction(null, form(fields));
      expect(r, JSON.stringify(fields)).toMatchObject({ ok: false, code, values: fields });
      if (field && !r.ok) expect(r.fieldErrors?.[field], JSON.stringify(fields)).toBeDefined();
    }
    await db.update(recordingTasks).set({ stoppingSince: new Date() }).where(eq(recordingTasks.taskId, task.taskId));
    const inFlight = await correctRegistrationAction(
      null,
      form({ taskId: task.taskId, streamName: task.streamName, reason: "ticket" }),
    );
    expect(inFlight).toMatchObject({ ok: false, code: "RecDesk.StopInProgress" });
    expect((await getTaskRow(db, task.taskId))?.streamName).toBe(`${task.streamName}_typo`);
    const audit = (await auditFor(db, task.taskId)).filter((a) => a.action === "task.correct");
    expect(audit.map((a) => [a.outcome, a.errorCode])).toEqual([
      ["invalid", "InvalidInput"],
      ["invalid", "InvalidInput"],
      ["invalid", "RecDesk.NothingToCorrect"],
      ["invalid", "RecDesk.StopInProgress"],
    ]);
  });
});
