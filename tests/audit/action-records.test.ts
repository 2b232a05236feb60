/*
 * The audit trail, action by action: every path (success, upstream error, timeout, invalid input, refusal)
 * leaves exactly the records it should, each with the fields that matter for that path. Stop, sign-in,
 * export/verify and the bulk worker are covered elsewhere (tests/tasks/stop-task.test.ts,
 * tests/auth/sign-in.test.ts, tests/audit/actions.test.ts, tests/bulk/); this file covers Start, Register,
 * user management and bulk job control.
 */
import { randomUUID } from "node:crypto";
import { asc, eq, gt, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { AuthCheck } from "@/lib/auth/actor";
import { createUser, findUserById } from "@/lib/auth/users";
import { resetConfigForTests } from "@/lib/config";
import { listAuditRecords } from "@/lib/audit/queries";
import { auditRecords, type AuditRecord } from "@/lib/db/schema/audit";
import { bulkItems, bulkJobs } from "@/lib/db/schema/bulk";
import { users as usersTable } from "@/lib/db/schema/users";
import type { Database, OpenDatabase } from "@/lib/db/types";
import type { TaskActionContext } from "@/lib/tasks/actor";
import { registerTask } from "@/lib/tasks/register-task";
import { getTask } from "@/lib/tasks/registry";
import { startRecording } from "@/lib/tasks/start-task";
import { CREATE_MIN_TIMEOUT_MS } from "@/lib/tencent-live/client";
import { registerSimTasks } from "../bulk/helpers/fixtures";
import { drivers, openTestDb } from "../helpers/test-db";
import { insertActors, liveFixture, oncall, SIM_SEED, support } from "../tasks/helpers";

// The user-management bodies live in the server actions themselves: the permission gate, the process database
// and Next's cache are swapped; everything after them (validation, the users table, the audit chain) is real.
const state = vi.hoisted(() => ({ check: null as unknown as AuthCheck, db: null as unknown as Database }));
vi.mock("@/lib/auth/require", () => ({ requirePermission: vi.fn(async () => state.check) }));
vi.mock("@/lib/db", () => ({ getDb: async () => state.db }));
// The bulk actions run for real but wake no worker: the jobs must stay as created (the worker: tests/bulk/).
vi.mock("@/lib/bulk", async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  wakeBulkWorker: async () => {},
}));
vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  revalidatePath: () => {},
}));

const userActions = await import("@/app/(console)/users/actions");
const taskActions = await import("@/app/(console)/tasks/actions");
const bulkActions = await import("@/app/(console)/jobs/actions");

// Distinct from the helpers' defaults, so a record's client address and user agent prove where they came from.
const ONCALL_ORIGIN = { clientIp: "198.51.100.31", userAgent: "RecDesk-audit-test/oncall" };
const SUPPORT_ORIGIN = { clientIp: "198.51.100.32", userAgent: "RecDesk-audit-test/support" };
const ADMIN_ORIGIN = { clientIp: "2001:db8::33", userAgent: "RecDesk-audit-test/admin" };
const asOncall: TaskActionContext = { ...oncall, origin: ONCALL_ORIGIN };
const asSupport: TaskActionContext = { ...support, origin: SUPPORT_ORIGIN };

const MAX_TASK_ID = "18446744073709551615";
const ABOVE_MAX_TASK_ID = "18446744073709551616";

/** Calls a server action as `check` would (the permission gate answers with it) against `db`. */
async function asCheck<T>(db: Database, check: AuthCheck, run: () => Promise<T>): Promise<T> {
  state.check = check;
  state.db = db;
  return run();
}

/** A bulk action through the wrapper, with RECDESK_BULK_MAX_ITEMS set to `maxItems` for the call. */
async function bulkAs<T>(
  db: Database,
  check: AuthCheck,
  run: (actions: typeof bulkActions) => Promise<T>,
  maxItems = 100,
): Promise<T> {
  const before = process.env.RECDESK_BULK_MAX_ITEMS;
  process.env.RECDESK_BULK_MAX_ITEMS = String(maxItems);
  resetConfigForTests();
  try {
    return await asCheck(db, check, () => run(bulkActions));
  } finally {
    if (before === undefined) delete process.env.RECDESK_BULK_MAX_ITEMS;
    else process.env.RECDESK_BULK_MAX_ITEMS = before;
    resetConfigForTests();
  }
}

function form(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}

/** Who acted and from where, as every record of that context must carry it. */
function whoFields(ctx: TaskActionContext) {
  return {
    actorUserId: ctx.actor.userId,
    actorEmail: ctx.actor.email,
    actorRole: ctx.actor.role,
    clientIp: ctx.origin!.clientIp,
    userAgent: ctx.origin!.userAgent,
  };
}

async function maxAuditId(db: Database): Promise<number> {
  const [row] = await db.select({ max: sql<number>`coalesce(max(${auditRecords.id}), 0)::int` }).from(auditRecords);
  return Number(row!.max);
}

/** Runs one action and returns what it answered and the audit records it appended (oldest first). */
async function withRecords<T>(db: Database, run: () => Promise<T>): Promise<{ result: T; records: AuditRecord[] }> {
  const before = await maxAuditId(db);
  const result = await run();
  const records = await db.select().from(auditRecords).where(gt(auditRecords.id, before)).orderBy(asc(auditRecords.id));
  for (const r of records) expectComplete(r);
  return { result, records };
}

/** What every finished record has, whatever its path: a final outcome, both hashes, and for a failure its code and message. */
function expectComplete(r: AuditRecord): void {
  expect(r.outcome, `record ${r.id} (${r.action}) must not stay pending`).not.toBe("pending");
  expect(r.finishedAt, `record ${r.id} (${r.action}) has a finish time`).not.toBeNull();
  expect(r.hash && r.outcomeHash && r.prevHash, `record ${r.id} (${r.action}) is chained`).toBeTruthy();
  if (r.outcome === "ok") {
    expect(r.errorCode, `record ${r.id} (${r.action}) succeeded without an error code`).toBeNull();
  } else {
    expect(r.errorCode, `record ${r.id} (${r.action}, ${r.outcome}) names its error code`).toEqual(expect.any(String));
    expect(r.errorMessage, `record ${r.id} (${r.action}, ${r.outcome}, ${r.errorCode}) says what went wrong`).toEqual(
      expect.any(String),
    );
  }
}

function only(records: AuditRecord[]): AuditRecord {
  expect(records, "exactly one audit record").toHaveLength(1);
  return records[0]!;
}

describe.each(drivers)("audit records of Start and Register (%s)", (driver) => {
  let opened: OpenDatabase;
  let db: Database;
  let live: Awaited<ReturnType<typeof liveFixture>>;

  beforeAll(async () => {
    live = await liveFixture();
    opened = await openTestDb(driver);
    db = opened.db;
    await insertActors(db);
  });
  afterAll(async () => {
    await live?.sim.close();
    await opened?.close();
  });
  beforeEach(() => {
    live.sim.reset(SIM_SEED);
    live.sim.clearFaults();
  });

  /** A stream that is being pushed, so a real-time CreateLiveRecord succeeds. */
  const onlineStream = () => {
    const t = live.sim.listTasks()[0]!;
    live.sim.setStreamOnline({ streamName: t.streamName, appName: t.appName, domainName: t.domainName, online: true });
    return { streamName: t.streamName, appName: t.appName, domainName: t.domainName };
  };
  const realtime = { mode: "realtime", timeZone: "UTC", fileFormat: "mp4", recordType: "video" };

  describe("task.start", () => {
    it("success: one ok record with the RequestId, the stream, who, why, from where and the latency", async () => {
      const stream = onlineStream();
      const calls = live.sim.callCount("CreateLiveRecord");
      const { result, records } = await withRecords(db, () =>
        startRecording(
          db,
          { getClient: live.getClient },
          { ...stream, ...realtime, reason: "INC-7: record the keynote" },
          asOncall,
        ),
      );
      expect(result).toMatchObject({ ok: true });
      if (!result.ok) return;
      expect(live.sim.callCount("CreateLiveRecord")).toBe(calls + 1);
      const rec = only(records);
      expect(rec).toMatchObject({
        ...whoFields(asOncall),
        action: "task.start",
        outcome: "ok",
        requestId: result.requestId,
        domainName: stream.domainName,
        appName: stream.appName,
        streamName: stream.streamName,
        reason: "INC-7: record the keynote",
        errorCode: null,
        errorMessage: null,
        jobId: null,
      });
      expect(rec.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(rec.latencyMs).toEqual(expect.any(Number));
      expect(rec.details).toMatchObject({ mode: "realtime", fileFormat: "mp4", recordType: "video" });
      expect(rec.outcomeDetails).toMatchObject({ taskId: result.taskId });
    });

    // The record's target is domain, app, stream and TaskId, like every task record: the audit log's TaskId filter
    // (task_id) must find who started a task, not only who stopped it. outcome_details.taskId alone is not enough.
    it("success: the audit log finds the start by the TaskId Tencent returned, and shows it", async () => {
      const stream = onlineStream();
      const { result, records } = await withRecords(db, () =>
        startRecording(db, { getClient: live.getClient }, { ...stream, ...realtime }, asOncall),
      );
      expect(result).toMatchObject({ ok: true });
      if (!result.ok) return;
      const rec = only(records);
      // The intent (and its target) was committed before Tencent chose the TaskId; the outcome carries it.
      expect(rec.taskId).toBeNull();
      expect(rec.outcomeDetails).toMatchObject({ taskId: result.taskId });
      expect(rec.reason, "no reason was given").toBeNull();
      // (The simulator is reseeded per test, so earlier tests' starts may have got the same TaskId.)
      const page = await listAuditRecords(db, { taskId: result.taskId });
      expect(page.rows.map((r) => [r.id, r.action, r.taskId])).toContainEqual([rec.id, "task.start", result.taskId]);
      expect(page.rows.every((r) => r.taskId === result.taskId)).toBe(true);
    });

    it("timeout: one unknown record with RecDesk.Timeout, no RequestId, and no second CreateLiveRecord", async () => {
      const stream = onlineStream();
      live.sim.inject({ action: "CreateLiveRecord", mode: "hang" });
      const calls = live.sim.callCount("CreateLiveRecord");
      const { result, records } = await withRecords(db, () =>
        startRecording(db, { getClient: live.getClient }, { ...stream, ...realtime, reason: "hang check" }, asOncall),
      );
      expect(result).toMatchObject({ ok: false, code: "RecDesk.Timeout", mayExist: true });
      expect(live.sim.callCount("CreateLiveRecord")).toBe(calls + 1);
      const rec = only(records);
      expect(rec).toMatchObject({
        ...whoFields(asOncall),
        action: "task.start",
        outcome: "unknown",
        errorCode: "RecDesk.Timeout",
        requestId: null,
        streamName: stream.streamName,
        appName: stream.appName,
        domainName: stream.domainName,
        reason: "hang check",
        outcomeDetails: { kind: "timeout" },
      });
      // Create always waits at least CREATE_MIN_TIMEOUT_MS, whatever the client's own timeout (800 ms here).
      expect(rec.latencyMs).toBeGreaterThanOrEqual(CREATE_MIN_TIMEOUT_MS - 100);
    }, 20_000);

    it("upstream error: one error record with Tencent's code, message and RequestId", async () => {
      const stream = onlineStream();
      live.sim.inject({
        action: "CreateLiveRecord",
        mode: "error",
        code: "ResourceUnavailable.StreamNotExist",
        message: "The stream is not being pushed.",
      });
      const { result, records } = await withRecords(db, () =>
        startRecording(db, { getClient: live.getClient }, { ...stream, ...realtime, reason: "error check" }, asSupport),
      );
      expect(result).toMatchObject({ ok: false, code: "ResourceUnavailable.StreamNotExist" });
      if (result.ok) return;
      expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/);
      const rec = only(records);
      expect(rec).toMatchObject({
        ...whoFields(asSupport),
        action: "task.start",
        outcome: "error",
        errorCode: "ResourceUnavailable.StreamNotExist",
        errorMessage: "The stream is not being pushed.",
        requestId: result.requestId,
        streamName: stream.streamName,
        reason: "error check",
        taskId: null,
        outcomeDetails: { kind: "api" },
      });
      expect(rec.latencyMs).toEqual(expect.any(Number));
    });

    it("invalid input: one invalid record with what was typed, and nothing sent to Tencent", async () => {
      const calls = live.sim.callCount();
      const { result, records } = await withRecords(db, () =>
        startRecording(
          db,
          { getClient: live.getClient },
          {
            streamName: "bad name!",
            appName: "live",
            domainName: "push.recdesk-demo.com",
            ...realtime,
            reason: "typo test",
          },
          asOncall,
        ),
      );
      expect(result).toMatchObject({ ok: false, code: "InvalidInput" });
      expect(live.sim.callCount(), "no call reached the simulator").toBe(calls);
      expect(live.sim.callCount("CreateLiveRecord")).toBe(0);
      const rec = only(records);
      expect(rec).toMatchObject({
        ...whoFields(asOncall),
        action: "task.start",
        outcome: "invalid",
        errorCode: "InvalidInput",
        streamName: "bad name!",
        appName: "live",
        domainName: "push.recdesk-demo.com",
        reason: "typo test",
        requestId: null,
        latencyMs: null,
      });
      expect(rec.errorMessage).toContain("streamName");
    });

    it("refused by role: one denied record, nothing sent", async () => {
      const calls = live.sim.callCount();
      const check = {
        ok: false,
        code: "Forbidden",
        message: "Your role (support) may not do this.",
        actor: { userId: support.actor.userId, email: support.actor.email, role: "support" },
        origin: SUPPORT_ORIGIN,
      } as const;
      const { result, records } = await withRecords(db, () =>
        asCheck(db, check, () =>
          taskActions.startRecordingAction(
            null,
            form({ streamName: "room_9", appName: "live", domainName: "push.recdesk-demo.com", reason: "please" }),
          ),
        ),
      );
      expect(result).toMatchObject({ ok: false, code: "Forbidden" });
      expect(live.sim.callCount()).toBe(calls);
      expect(only(records)).toMatchObject({
        ...whoFields(asSupport),
        action: "task.start",
        outcome: "denied",
        errorCode: "Forbidden",
        streamName: "room_9",
        reason: "please",
      });
    });
  });

  describe("task.register", () => {
    const target = { streamName: "audit_register_room", appName: "live", domainName: "push.recdesk-demo.com" };

    it("ok: one record with the TaskId and stream as target and the note as reason; again for the same stream, one more", async () => {
      const calls = live.sim.callCount();
      const first = await withRecords(db, () =>
        registerTask(db, { taskId: "4200000001", ...target, note: "ticket 4711" }, asSupport),
      );
      expect(first.result).toMatchObject({ ok: true, alreadyKnown: false });
      expect(only(first.records)).toMatchObject({
        ...whoFields(asSupport),
        action: "task.register",
        outcome: "ok",
        taskId: "4200000001",
        ...target,
        reason: "ticket 4711",
        details: { alreadyKnown: false },
        requestId: null,
      });
      const again = await withRecords(db, () =>
        registerTask(db, { taskId: "4200000001", streamName: target.streamName }, asOncall),
      );
      expect(again.result).toMatchObject({ ok: true, alreadyKnown: true });
      expect(only(again.records)).toMatchObject({
        ...whoFields(asOncall),
        action: "task.register",
        outcome: "ok",
        taskId: "4200000001",
        streamName: target.streamName,
        details: { alreadyKnown: true },
      });
      expect(live.sim.callCount(), "registering calls nothing upstream").toBe(calls);
    });

    it("ok at the largest TaskId, every digit kept", async () => {
      const { result, records } = await withRecords(db, () =>
        registerTask(db, { taskId: MAX_TASK_ID, streamName: "audit_max_room" }, asSupport),
      );
      expect(result).toMatchObject({ ok: true, taskId: MAX_TASK_ID });
      expect(only(records)).toMatchObject({
        action: "task.register",
        outcome: "ok",
        taskId: MAX_TASK_ID,
        streamName: "audit_max_room",
      });
    });

    it.each([
      ["0", "0"],
      ["above 2^64−1", ABOVE_MAX_TASK_ID],
    ])("invalid TaskId %s: one invalid record with what was typed, nothing registered", async (_name, taskId) => {
      const { result, records } = await withRecords(db, () =>
        registerTask(db, { taskId, ...target, note: "from the ticket" }, asSupport),
      );
      expect(result).toMatchObject({ ok: false, code: "InvalidInput", values: { taskId } });
      expect(await getTask(db, taskId)).toBeNull();
      const rec = only(records);
      expect(rec).toMatchObject({
        ...whoFields(asSupport),
        action: "task.register",
        outcome: "invalid",
        errorCode: "InvalidInput",
        taskId,
        ...target,
        reason: "from the ticket",
      });
      expect(rec.errorMessage).toContain("taskId");
    });

    it("stream mismatch: one invalid record with RecDesk.StreamMismatch, the registry left as it was", async () => {
      await registerTask(db, { taskId: "4200000002", streamName: "audit_first_room" }, asSupport);
      const { result, records } = await withRecords(db, () =>
        registerTask(db, { taskId: "4200000002", streamName: "audit_other_room", note: "wrong ticket?" }, asOncall),
      );
      expect(result).toMatchObject({ ok: false, code: "RecDesk.StreamMismatch" });
      expect(await getTask(db, "4200000002")).toMatchObject({
        streamName: "audit_first_room",
        createdByEmail: support.actor.email,
      });
      const rec = only(records);
      expect(rec).toMatchObject({
        ...whoFields(asOncall),
        action: "task.register",
        outcome: "invalid",
        errorCode: "RecDesk.StreamMismatch",
        taskId: "4200000002",
        streamName: "audit_other_room",
        reason: "wrong ticket?",
      });
      expect(rec.errorMessage).toContain("audit_first_room");
    });

    it("refused by role: one denied record with the TaskId typed", async () => {
      const check = {
        ok: false,
        code: "Unauthenticated",
        message: "Sign in to continue.",
        origin: SUPPORT_ORIGIN,
      } as const;
      const { result, records } = await withRecords(db, () =>
        asCheck(db, check, () =>
          taskActions.registerTaskAction(null, form({ taskId: "4200000003", streamName: "audit_denied_room" })),
        ),
      );
      expect(result).toMatchObject({ ok: false, code: "Unauthenticated" });
      expect(await getTask(db, "4200000003")).toBeNull();
      expect(only(records)).toMatchObject({
        action: "task.register",
        outcome: "denied",
        errorCode: "Unauthenticated",
        actorEmail: null,
        actorUserId: null,
        taskId: "4200000003",
        streamName: "audit_denied_room",
        clientIp: SUPPORT_ORIGIN.clientIp,
        userAgent: SUPPORT_ORIGIN.userAgent,
      });
    });
  });

  describe("task.stop", () => {
    it("refused by role through the action: one denied record with the target and reason typed; the task and Tencent untouched", async () => {
      await registerTask(db, { taskId: "4200000009", streamName: "audit_stop_denied_room" }, asSupport);
      const stateBefore = (await getTask(db, "4200000009"))?.state;
      const calls = live.sim.callCount();
      const check = {
        ok: false,
        code: "Forbidden",
        message: "Your role cannot stop tasks.",
        actor: { email: "manager@recdesk.local", role: "manager" },
        origin: SUPPORT_ORIGIN,
      } as const;
      const { result, records } = await withRecords(db, () =>
        asCheck(db, check, () =>
          taskActions.stopTaskAction(
            null,
            form({ taskId: "4200000009", streamName: "audit_stop_denied_room", reason: "curious" }),
          ),
        ),
      );
      expect(result).toMatchObject({
        ok: false,
        code: "Forbidden",
        values: { taskId: "4200000009" },
        explanation: expect.anything(),
      });
      expect(live.sim.callCount()).toBe(calls);
      expect((await getTask(db, "4200000009"))?.state).toBe(stateBefore);
      expect(only(records)).toMatchObject({
        action: "task.stop",
        outcome: "denied",
        errorCode: "Forbidden",
        actorEmail: "manager@recdesk.local",
        taskId: "4200000009",
        streamName: "audit_stop_denied_room",
        reason: "curious",
      });
    });
  });
});

describe.each(drivers)("audit records of user management (%s)", (driver) => {
  let opened: OpenDatabase;
  let db: Database;
  let admin: { userId: string; email: string };
  let target: { id: string; email: string };
  const PASSWORD = "correct horse battery staple";

  const adminWho = () => ({
    actorUserId: admin.userId,
    actorEmail: admin.email,
    actorRole: "admin",
    clientIp: ADMIN_ORIGIN.clientIp,
    userAgent: ADMIN_ORIGIN.userAgent,
  });
  const noTarget = { domainName: null, appName: null, streamName: null, taskId: null, jobId: null, requestId: null };

  beforeAll(async () => {
    opened = await openTestDb(driver);
    db = opened.db;
    state.db = db;
    const a = await createUser(db, { email: "admin@audit.test", name: "Admin", role: "admin", password: PASSWORD });
    admin = { userId: a.id, email: a.email };
    const t = await createUser(db, { email: "target@audit.test", name: "Target", role: "support", password: PASSWORD });
    target = { id: t.id, email: t.email };
  });
  afterAll(async () => opened?.close());
  beforeEach(() => {
    state.check = {
      ok: true,
      actor: { userId: admin.userId, email: admin.email, name: "Admin", role: "admin" },
      origin: ADMIN_ORIGIN,
    };
  });

  describe("user.create", () => {
    it("ok: one record naming the new user and role, never the password", async () => {
      const { result, records } = await withRecords(db, () =>
        userActions.createUserAction(
          null,
          form({ email: "New.Person@Audit.test", name: "New Person", role: "oncall", password: PASSWORD }),
        ),
      );
      expect(result).toMatchObject({ ok: true });
      if (!result.ok) return;
      const rec = only(records);
      expect(rec).toMatchObject({
        ...adminWho(),
        ...noTarget,
        action: "user.create",
        outcome: "ok",
        details: {
          operation: "create",
          targetUserId: result.userId,
          targetEmail: "new.person@audit.test",
          role: "oncall",
        },
      });
      expect(JSON.stringify(rec)).not.toContain(PASSWORD);
    });

    it("invalid input: one invalid record with InvalidInput and a message, no user, no password kept", async () => {
      const users = await db.select({ n: sql<number>`count(*)::int` }).from(usersTable);
      const { result, records } = await withRecords(db, () =>
        userActions.createUserAction(
          null,
          form({ email: "not-an-email", name: "", role: "superuser", password: "pw-Secret1" }),
        ),
      );
      expect(result).toMatchObject({ ok: false, code: "InvalidInput" });
      expect(await db.select({ n: sql<number>`count(*)::int` }).from(usersTable)).toEqual(users);
      const rec = only(records);
      expect(rec).toMatchObject({
        ...adminWho(),
        ...noTarget,
        action: "user.create",
        outcome: "invalid",
        errorCode: "InvalidInput",
        details: { operation: "create" },
      });
      expect(rec.errorMessage).toMatch(/email.*password|password.*email/s);
      expect(JSON.stringify(rec)).not.toContain("pw-Secret1");
    });

    it("existing email: one invalid record with UserExists", async () => {
      const { result, records } = await withRecords(db, () =>
        userActions.createUserAction(
          null,
          form({ email: target.email, name: "Twin", role: "support", password: PASSWORD }),
        ),
      );
      expect(result).toMatchObject({ ok: false, code: "UserExists" });
      const rec = only(records);
      expect(rec).toMatchObject({
        ...adminWho(),
        action: "user.create",
        outcome: "invalid",
        errorCode: "UserExists",
        details: { operation: "create", targetEmail: target.email },
      });
      expect(rec.errorMessage).toContain("already has an account");
    });

    it("refused by role: one denied record", async () => {
      state.check = {
        ok: false,
        code: "Forbidden",
        message: "Your role (support) may not do this.",
        actor: { userId: support.actor.userId, email: support.actor.email, role: "support" },
        origin: SUPPORT_ORIGIN,
      };
      const { result, records } = await withRecords(db, () =>
        userActions.createUserAction(
          null,
          form({ email: "sneaky@audit.test", name: "Sneaky", role: "admin", password: PASSWORD }),
        ),
      );
      expect(result).toMatchObject({ ok: false, code: "Forbidden" });
      expect(only(records)).toMatchObject({
        ...whoFields(asSupport),
        action: "user.create",
        outcome: "denied",
        errorCode: "Forbidden",
        errorMessage: "Your role (support) may not do this.",
        details: { operation: "create" },
      });
    });
  });

  describe("user.update", () => {
    it("role change: one ok record with from and to", async () => {
      const { result, records } = await withRecords(db, () =>
        userActions.changeRoleAction(null, form({ userId: target.id, role: "oncall" })),
      );
      expect(result).toEqual({ ok: true });
      expect((await findUserById(db, target.id))?.role).toBe("oncall");
      expect(only(records)).toMatchObject({
        ...adminWho(),
        ...noTarget,
        action: "user.update",
        outcome: "ok",
        details: {
          operation: "change-role",
          targetUserId: target.id,
          targetEmail: target.email,
          from: "support",
          to: "oncall",
        },
      });
    });

    it("disable and enable: one ok record each", async () => {
      const off = await withRecords(db, () =>
        userActions.setUserDisabledAction(null, form({ userId: target.id, disabled: "true" })),
      );
      expect(off.result).toEqual({ ok: true });
      expect((await findUserById(db, target.id))?.disabled).toBe(true);
      expect(only(off.records)).toMatchObject({
        ...adminWho(),
        action: "user.update",
        outcome: "ok",
        details: { operation: "disable", targetUserId: target.id, targetEmail: target.email },
      });
      const on = await withRecords(db, () =>
        userActions.setUserDisabledAction(null, form({ userId: target.id, disabled: "false" })),
      );
      expect(on.result).toEqual({ ok: true });
      expect(only(on.records)).toMatchObject({
        ...adminWho(),
        action: "user.update",
        outcome: "ok",
        details: { operation: "enable", targetUserId: target.id },
      });
    });

    it("password reset: one ok record, without the password", async () => {
      const fresh = "a brand new long passphrase";
      const { result, records } = await withRecords(db, () =>
        userActions.resetPasswordAction(null, form({ userId: target.id, password: fresh })),
      );
      expect(result).toEqual({ ok: true });
      const rec = only(records);
      expect(rec).toMatchObject({
        ...adminWho(),
        action: "user.update",
        outcome: "ok",
        details: { operation: "reset-password", targetUserId: target.id, targetEmail: target.email },
      });
      expect(JSON.stringify(rec)).not.toContain(fresh);
    });

    it("changing or disabling one's own account: one invalid record with SelfChange each, nothing changed", async () => {
      const role = await withRecords(db, () =>
        userActions.changeRoleAction(null, form({ userId: admin.userId, role: "support" })),
      );
      expect(role.result).toMatchObject({ ok: false });
      expect(only(role.records)).toMatchObject({
        ...adminWho(),
        action: "user.update",
        outcome: "invalid",
        errorCode: "SelfChange",
        errorMessage: "You cannot change your own role. Ask another admin.",
        details: { operation: "change-role", targetUserId: admin.userId },
      });
      const disable = await withRecords(db, () =>
        userActions.setUserDisabledAction(null, form({ userId: admin.userId, disabled: "true" })),
      );
      expect(disable.result).toMatchObject({ ok: false });
      expect(only(disable.records)).toMatchObject({
        ...adminWho(),
        action: "user.update",
        outcome: "invalid",
        errorCode: "SelfChange",
        details: { operation: "set-disabled", targetUserId: admin.userId },
      });
      expect(await findUserById(db, admin.userId)).toMatchObject({ role: "admin", disabled: false });
    });

    it.each([
      ["change-role", () => userActions.changeRoleAction, { role: "oncall" }],
      ["set-disabled", () => userActions.setUserDisabledAction, { disabled: "true" }],
      ["reset-password", () => userActions.resetPasswordAction, { password: "yet another long passphrase" }],
    ] as const)("unknown user (%s): one invalid record with UserNotFound", async (operation, action, fields) => {
      const ghost = randomUUID();
      const { result, records } = await withRecords(db, () => action()(null, form({ userId: ghost, ...fields })));
      expect(result).toMatchObject({ ok: false, code: "UserNotFound" });
      expect(only(records)).toMatchObject({
        ...adminWho(),
        action: "user.update",
        outcome: "invalid",
        errorCode: "UserNotFound",
        errorMessage: "That user no longer exists. Reload the page.",
        details: { operation, targetUserId: ghost },
      });
    });

    it("malformed input: one invalid record with InvalidInput", async () => {
      const { result, records } = await withRecords(db, () =>
        userActions.changeRoleAction(null, form({ userId: "not-a-uuid", role: "root" })),
      );
      expect(result).toMatchObject({ ok: false, code: "InvalidInput" });
      expect(only(records)).toMatchObject({
        ...adminWho(),
        action: "user.update",
        outcome: "invalid",
        errorCode: "InvalidInput",
        details: { operation: "change-role" },
      });
    });

    it("refused: one denied record naming the user it was aimed at, nothing changed", async () => {
      state.check = {
        ok: false,
        code: "Forbidden",
        message: "Your role (support) may not do this.",
        actor: { userId: support.actor.userId, email: support.actor.email, role: "support" },
        origin: SUPPORT_ORIGIN,
      };
      const before = await findUserById(db, target.id);
      const { result, records } = await withRecords(db, () =>
        userActions.changeRoleAction(null, form({ userId: target.id, role: "admin" })),
      );
      expect(result).toMatchObject({ ok: false, code: "Forbidden" });
      expect((await findUserById(db, target.id))?.role).toBe(before?.role);
      expect(only(records)).toMatchObject({
        ...whoFields(asSupport),
        action: "user.update",
        outcome: "denied",
        errorCode: "Forbidden",
        details: { operation: "change-role", targetUserId: target.id },
      });
    });
  });
});

describe.each(drivers)("audit records of bulk job control (%s)", (driver) => {
  let opened: OpenDatabase;
  let db: Database;
  let live: Awaited<ReturnType<typeof liveFixture>>;
  let taskIds: string[];

  const auth = {
    ok: true,
    actor: { userId: oncall.actor.userId!, email: oncall.actor.email!, name: "On Call", role: "oncall" },
    origin: ONCALL_ORIGIN,
  } as const;
  const denied = {
    ok: false,
    code: "Forbidden",
    message: "Your role (support) may not do this.",
    actor: { userId: support.actor.userId, email: support.actor.email, role: "support" },
    origin: SUPPORT_ORIGIN,
  } as const;

  const jobCount = async () => Number((await db.select({ n: sql<number>`count(*)::int` }).from(bulkJobs))[0]!.n);
  /** A running job over `n` tasks, made through the real action (its own record is not under test here). */
  const aJob = async (n: number) => {
    const r = await bulkAs(
      db,
      auth,
      (a) =>
        a.createBulkStopAction({ selection: { kind: "ids", taskIds: taskIds.slice(0, n) }, reason: "setup batch" }),
      100,
    );
    if (!r.ok) throw new Error(r.message);
    return r.jobId;
  };

  beforeAll(async () => {
    live = await liveFixture();
    opened = await openTestDb(driver);
    db = opened.db;
    await insertActors(db);
    const tasks = live.sim.listTasks();
    await registerSimTasks(db, tasks);
    taskIds = tasks.map((t) => t.taskId);
  });
  afterAll(async () => {
    await live?.sim.close();
    await opened?.close();
  });

  describe("bulk.create", () => {
    it("ok: one record with the job id, the reason and the item count (and no Stop yet)", async () => {
      const jobs = await jobCount();
      const { result, records } = await withRecords(db, () =>
        bulkAs(
          db,
          auth,
          (a) =>
            a.createBulkStopAction({
              selection: { kind: "ids", taskIds: taskIds.slice(0, 3) },
              reason: "INC-9: runaway recordings",
            }),
          100,
        ),
      );
      expect(result).toMatchObject({ ok: true, total: 3 });
      if (!result.ok) return;
      expect(await jobCount()).toBe(jobs + 1);
      expect(only(records)).toMatchObject({
        ...whoFields(asOncall),
        action: "bulk.create",
        outcome: "ok",
        jobId: result.jobId,
        reason: "INC-9: runaway recordings",
        taskId: null,
        details: { selection: "ids", selected: 3, items: 3 },
        outcomeDetails: { items: 3 },
      });
    });

    it("too many items: one invalid record with TooManyItems, the reason given, and no job", async () => {
      const jobs = await jobCount();
      const { result, records } = await withRecords(db, () =>
        bulkAs(
          db,
          auth,
          (a) => a.createBulkStopAction({ selection: { kind: "filter", filters: {} }, reason: "too big a batch" }),
          2,
        ),
      );
      expect(result).toMatchObject({ ok: false, code: "TooManyItems" });
      expect(await jobCount()).toBe(jobs);
      const rec = only(records);
      expect(rec).toMatchObject({
        ...whoFields(asOncall),
        action: "bulk.create",
        outcome: "invalid",
        errorCode: "TooManyItems",
        jobId: null,
        reason: "too big a batch",
        details: { selection: "filter", matched: expect.any(Number), max: 2 },
      });
      expect(rec.errorMessage).toMatch(/^[\d,]+ tasks match; one bulk job stops at most 2/);
    });

    it("too many ids: refused by the schema with TooManyItems before the registry is queried, audited, and no job", async () => {
      const jobs = await jobCount();
      // Any query outside the audit append's own transaction would go through these two.
      const noQueries = new Proxy(db, {
        get(target, p, receiver) {
          if (p === "select" || p === "execute")
            return () => {
              throw new Error(`bulk.create queried the database (${String(p)}) for an oversized selection`);
            };
          return Reflect.get(target, p, receiver);
        },
      });
      const { result, records } = await withRecords(db, () =>
        bulkAs(
          noQueries,
          auth,
          (a) =>
            a.createBulkStopAction({
              selection: { kind: "ids", taskIds: taskIds.slice(0, 3) },
              reason: "too big a batch",
            }),
          2,
        ),
      );
      expect(result).toMatchObject({
        ok: false,
        code: "TooManyItems",
        fieldErrors: { selection: [expect.stringMatching(/at most 2 tasks.*RECDESK_BULK_MAX_ITEMS/)] },
      });
      expect(await jobCount()).toBe(jobs);
      const rec = only(records);
      expect(rec).toMatchObject({
        ...whoFields(asOncall),
        action: "bulk.create",
        outcome: "invalid",
        errorCode: "TooManyItems",
        jobId: null,
        reason: "too big a batch",
        details: { selection: "ids", selected: 3, max: 2 },
      });
      // The same bound on the preview, and exactly the limit still passes the schema.
      const preview = await bulkAs(
        noQueries,
        auth,
        (a) => a.previewBulkStopAction({ kind: "ids", taskIds: taskIds.slice(0, 3) }),
        2,
      );
      expect(preview).toMatchObject({ ok: false, code: "TooManyItems" });
      expect(
        await bulkAs(db, auth, (a) => a.previewBulkStopAction({ kind: "ids", taskIds: taskIds.slice(0, 2) }), 2),
      ).toMatchObject({ ok: true, preview: { count: 2 } });
    });

    it("missing reason: one invalid record with InvalidInput, and no job", async () => {
      const jobs = await jobCount();
      const { result, records } = await withRecords(db, () =>
        bulkAs(
          db,
          auth,
          (a) => a.createBulkStopAction({ selection: { kind: "ids", taskIds: taskIds.slice(0, 2) }, reason: " " }),
          100,
        ),
      );
      expect(result).toMatchObject({ ok: false, code: "InvalidInput", fieldErrors: { reason: [expect.any(String)] } });
      expect(await jobCount()).toBe(jobs);
      expect(only(records)).toMatchObject({
        ...whoFields(asOncall),
        action: "bulk.create",
        outcome: "invalid",
        errorCode: "InvalidInput",
        jobId: null,
        reason: null,
        details: { selection: "ids", selected: 2 },
      });
    });

    it("a selection with nothing left to stop: one invalid record with EmptySelection and the reason, and no job", async () => {
      const jobs = await jobCount();
      const { result, records } = await withRecords(db, () =>
        bulkAs(
          db,
          auth,
          (a) =>
            a.createBulkStopAction({ selection: { kind: "ids", taskIds: ["999999999"] }, reason: "already gone?" }),
          100,
        ),
      );
      expect(result).toMatchObject({ ok: false, code: "EmptySelection" });
      expect(await jobCount()).toBe(jobs);
      expect(only(records)).toMatchObject({
        ...whoFields(asOncall),
        action: "bulk.create",
        outcome: "invalid",
        errorCode: "EmptySelection",
        jobId: null,
        reason: "already gone?",
      });
    });

    it("a malformed selection: one invalid record with InvalidInput, keeping the reason typed", async () => {
      const { result, records } = await withRecords(db, () =>
        bulkAs(
          db,
          auth,
          (a) => a.createBulkStopAction({ selection: { kind: "everything" }, reason: "  stop them all  " }),
          100,
        ),
      );
      expect(result).toMatchObject({ ok: false, code: "InvalidInput" });
      expect(only(records)).toMatchObject({
        ...whoFields(asOncall),
        action: "bulk.create",
        outcome: "invalid",
        errorCode: "InvalidInput",
        reason: "stop them all",
        details: { selection: "unparseable" },
      });
    });

    it("refused: one denied record", async () => {
      const jobs = await jobCount();
      const { result, records } = await withRecords(db, () =>
        bulkAs(db, denied, (a) =>
          a.createBulkStopAction({
            selection: { kind: "ids", taskIds: taskIds.slice(0, 2) },
            reason: "not mine to stop",
          }),
        ),
      );
      expect(result).toMatchObject({ ok: false, code: "Forbidden" });
      expect(await jobCount()).toBe(jobs);
      expect(only(records)).toMatchObject({
        ...whoFields(asSupport),
        action: "bulk.create",
        outcome: "denied",
        errorCode: "Forbidden",
        errorMessage: denied.message,
        jobId: null,
      });
    });
  });

  describe("bulk.cancel and bulk.retry", () => {
    it("cancel ok: one record with the job id and how many items were cancelled", async () => {
      const jobId = await aJob(4);
      const { result, records } = await withRecords(db, () => bulkAs(db, auth, (a) => a.cancelJobAction(jobId)));
      expect(result).toEqual({ ok: true, affected: 4 });
      expect(only(records)).toMatchObject({
        ...whoFields(asOncall),
        action: "bulk.cancel",
        outcome: "ok",
        jobId,
        details: { affected: 4 },
        outcomeDetails: { affected: 4 },
      });

      // Cancelling it again is refused for its state: one invalid record, still naming the job.
      const again = await withRecords(db, () => bulkAs(db, auth, (a) => a.cancelJobAction(jobId)));
      expect(again.result).toMatchObject({ ok: false, code: "InvalidState" });
      expect(only(again.records)).toMatchObject({
        ...whoFields(asOncall),
        action: "bulk.cancel",
        outcome: "invalid",
        errorCode: "InvalidState",
        jobId,
      });
    });

    it("cancel of something that is not a job id: one invalid record with InvalidInput", async () => {
      const { result, records } = await withRecords(db, () => bulkAs(db, auth, (a) => a.cancelJobAction("not-a-job")));
      expect(result).toMatchObject({ ok: false, code: "InvalidInput" });
      expect(only(records)).toMatchObject({
        ...whoFields(asOncall),
        action: "bulk.cancel",
        outcome: "invalid",
        errorCode: "InvalidInput",
        jobId: null,
        details: { jobId: "not-a-job" },
      });
    });

    it("cancel of an unknown job: one invalid record with NotFound", async () => {
      const ghost = randomUUID();
      const { result, records } = await withRecords(db, () => bulkAs(db, auth, (a) => a.cancelJobAction(ghost)));
      expect(result).toMatchObject({ ok: false, code: "NotFound" });
      expect(only(records)).toMatchObject({
        ...whoFields(asOncall),
        action: "bulk.cancel",
        outcome: "invalid",
        errorCode: "NotFound",
        details: { jobId: ghost },
      });
    });

    it("retry ok: one record with the job id and how many failed items went back to the queue", async () => {
      const jobId = await aJob(3);
      await db.execute(
        sql`update bulk_items set state = 'failed', finished_at = now(), error_code = 'ResourceNotFound.StopService' where id in (select id from bulk_items where job_id = ${jobId}::uuid order by id limit 2)`,
      );
      await db
        .update(bulkJobs)
        .set({ state: "paused", pausedReason: "account-level error" })
        .where(eq(bulkJobs.id, jobId));
      const { result, records } = await withRecords(db, () => bulkAs(db, auth, (a) => a.retryFailedAction(jobId)));
      expect(result).toEqual({ ok: true, affected: 2 });
      expect(only(records)).toMatchObject({
        ...whoFields(asOncall),
        action: "bulk.retry",
        outcome: "ok",
        jobId,
        details: { affected: 2 },
        outcomeDetails: { affected: 2 },
      });
      const states = await db.select({ state: bulkItems.state }).from(bulkItems).where(eq(bulkItems.jobId, jobId));
      expect(states.every((s) => s.state === "pending")).toBe(true);
    });

    it("retry of an unknown job: one invalid record with NotFound", async () => {
      const ghost = randomUUID();
      const { result, records } = await withRecords(db, () => bulkAs(db, auth, (a) => a.retryFailedAction(ghost)));
      expect(result).toMatchObject({ ok: false, code: "NotFound" });
      expect(only(records)).toMatchObject({
        action: "bulk.retry",
        outcome: "invalid",
        errorCode: "NotFound",
        details: { jobId: ghost },
      });
    });

    it.each(["bulk.cancel", "bulk.retry"] as const)(
      "%s refused: one denied record naming the job, the job untouched",
      async (action) => {
        const jobId = await aJob(2);
        const { result, records } = await withRecords(db, () =>
          bulkAs(db, denied, (a) => (action === "bulk.cancel" ? a.cancelJobAction(jobId) : a.retryFailedAction(jobId))),
        );
        expect(result).toMatchObject({ ok: false, code: "Forbidden" });
        const [job] = await db.select({ state: bulkJobs.state }).from(bulkJobs).where(eq(bulkJobs.id, jobId));
        expect(job?.state).toBe("running");
        expect(only(records)).toMatchObject({
          ...whoFields(asSupport),
          action,
          outcome: "denied",
          errorCode: "Forbidden",
          errorMessage: denied.message,
          jobId,
        });
        // A refusal with a malformed job id still leaves its record, without a job id.
        const bad = await withRecords(db, () =>
          bulkAs(db, denied, (a) =>
            action === "bulk.cancel" ? a.cancelJobAction("not-a-job") : a.retryFailedAction("not-a-job"),
          ),
        );
        expect(only(bad.records)).toMatchObject({ action, outcome: "denied", jobId: null });
      },
    );
  });
});
