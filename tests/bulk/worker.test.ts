import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { controlJob } from "@/lib/bulk/actions";
import { retryFailed } from "@/lib/bulk/control";
import { createBulkJob } from "@/lib/bulk/create";
import { getJobView } from "@/lib/bulk/read";
import { createUser } from "@/lib/auth/users";
import { setDisabledKeepingAnAdmin } from "@/lib/auth/user-changes";
import { createBulkWorker, type BulkWorker, type BulkWorkerEvent } from "@/lib/bulk/worker";
import type { Database, OpenDatabase } from "@/lib/db/types";
import { createLiveClient, type LiveClient } from "@/lib/tencent-live/client";
import { startSimulator, type Simulator } from "@/lib/tencent-live/simulator";
import type { SimTask } from "@/lib/tencent-live/types";
import { drivers, openTestDb } from "../helpers/test-db";
import { itemStates, jobAudit, jobState, registerSimTasks, waitFor } from "./helpers/fixtures";
import { startWireLog, type WireLog } from "./helpers/wire-log";

const actor = { email: "oncall@recdesk.local", role: "oncall", userId: undefined };

describe.each(drivers)("bulk stop against the simulator (%s)", (driver) => {
  let open: OpenDatabase;
  let db: Database;
  let sim: Simulator;
  let wire: WireLog;
  let worker: BulkWorker | undefined;
  let tasks: SimTask[];

  beforeAll(async () => {
    open = await openTestDb(driver);
    db = open.db;
    // The simulator enforces StopLiveRecord's documented 200/s, like Tencent.
    sim = await startSimulator({
      tasks: 1000,
      streams: 50,
      control: true,
      latencyMs: 20,
      taskIdBase: "18446744073709500000",
    });
    wire = await startWireLog(sim.url);
    tasks = sim.listTasks();
    await registerSimTasks(db, tasks);
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
    sim.clearFaults();
    wire.calls.length = 0;
    await db.execute(sql`update bulk_jobs set state = 'done' where state <> 'done'`);
  });
  afterAll(async () => {
    await wire?.close();
    await sim?.close();
    await open?.close();
  });

  function startWorker(clientOpts: { timeoutMs?: number } = {}) {
    const client = createLiveClient({
      endpoint: wire.url,
      secretId: sim.secretId,
      secretKey: sim.secretKey,
      rateLimits: { StopLiveRecord: 200 },
      timeoutMs: clientOpts.timeoutMs ?? 10_000,
      retryBaseMs: 100,
    });
    worker = createBulkWorker({ db, client, idlePollMs: 100 });
    worker.start();
    return client;
  }

  async function job(reason: string, list: { taskId: string; streamName: string }[]) {
    const r = await createBulkJob(
      db,
      { actor, origin: { clientIp: "198.51.100.42", userAgent: "on-call browser" }, reason, targets: list },
      5000,
    );
    if (!r.ok) throw new Error(r.message);
    return r.jobId;
  }

  it("stops 1,000 tasks at the 200/s limit: every one stopped once, audited, and marked on the registry", async () => {
    const jobId = await job("runaway rule 42", tasks);
    const client = startWorker();
    await waitFor(async () => (await jobState(db, jobId)) === "done");

    expect(await itemStates(db, jobId)).toEqual({ stopped: 1000 });
    const okStops = wire.okStops();
    expect(okStops.size).toBe(1000);
    expect([...okStops.values()].every((n) => n === 1)).toBe(true);
    // Any RequestLimitExceeded the simulator gave was retried by the client until that TaskId went through.
    const limited = wire.calls.filter((c) => c.code === "RequestLimitExceeded");
    for (const c of limited) expect(okStops.get(c.taskId!)).toBe(1);
    expect(wire.calls.filter((c) => c.action === "StopLiveRecord").length).toBe(1000 + client.stats().retries);

    const audit = await jobAudit(db, jobId);
    expect(audit).toHaveLength(1000);
    expect(audit.every((a) => a.outcome === "ok" && a.request_id && a.reason === "runaway rule 42")).toBe(true);
    const items = await db.execute(
      sql`select count(*)::int as n from bulk_items where job_id = ${jobId}::uuid and request_id is not null and audit_id is not null`,
    );
    expect(items.rows[0]).toEqual({ n: 1000 });
    const registry = await db.execute(
      sql`select count(*)::int as n from recording_tasks where state = 'stopped' and last_action = 'stop' and last_request_id is not null`,
    );
    expect(registry.rows[0]).toEqual({ n: 1000 });
    const view = await getJobView(db, jobId);
    expect(view).toMatchObject({ state: "done", counts: { stopped: 1000, failed: 0, pending: 0 }, secondsLeft: 0 });
    expect(view!.ratePerSecond).toBeGreaterThan(0);
  });

  it("accounts for every item when 502s, resets, timeouts and rate-limit answers hit mid-job", async () => {
    const slice = tasks.slice(0, 300);
    const jobId = await job("faults", slice);
    startWorker({ timeoutMs: 3_000 });
    await waitFor(async () => ((await itemStates(db, jobId)).stopped ?? 0) >= 40, 30_000, 10);
    // Through the control API, as an operator or the e2e suite would.
    for (const fault of [
      { mode: "http502", count: 6 },
      { mode: "error", code: "RequestLimitExceeded", count: 10 },
      { mode: "reset", count: 3 },
      { mode: "hang", count: 3 },
    ]) {
      const res = await fetch(`${sim.url}/_sim/faults`, {
        method: "POST",
        body: JSON.stringify({ action: "StopLiveRecord", ...fault }),
      });
      expect(res.status).toBe(200);
    }
    await waitFor(async () => (await jobState(db, jobId)) === "done");
    const states = await itemStates(db, jobId);
    expect((states.stopped ?? 0) + (states.failed ?? 0)).toBe(300);
    // Retried faults (502, reset, RequestLimitExceeded) end stopped; a timeout may have taken effect, so the
    // client does not repeat it on its own: those items fail with RecDesk.Timeout and their own record.
    const failed = await db.execute(
      sql`select task_id, error_code from bulk_items where job_id = ${jobId}::uuid and state = 'failed'`,
    );
    const timedOut = new Set(
      (failed.rows as { task_id: string; error_code: string }[]).map(
        (r) => (expect(r.error_code).toBe("RecDesk.Timeout"), r.task_id),
      ),
    );
    expect(timedOut.size).toBeGreaterThanOrEqual(1);

    expect(await retryFailed(db, jobId)).toMatchObject({ ok: true });
    worker!.wake();
    await waitFor(async () => (await jobState(db, jobId)) === "done");
    expect(await itemStates(db, jobId)).toEqual({ stopped: 300 });
    const okStops = wire.okStops();
    expect(okStops.size).toBe(300);
    // Only an item whose first Stop timed out (outcome unknown) can have reached Tencent twice, and only
    // because someone pressed Retry failed; everything else went through exactly once.
    for (const [taskId, n] of okStops) if (n > 1) expect(timedOut.has(taskId)).toBe(true);
    const audit = await jobAudit(db, jobId);
    expect(audit.filter((a) => a.outcome === "ok")).toHaveLength(300);
    expect(audit.filter((a) => a.outcome !== "ok").every((a) => a.error_code === "RecDesk.Timeout")).toBe(true);
  });

  it("pauses on an account-level error instead of burning every item, then resumes on Retry failed", async () => {
    const slice = tasks.slice(300, 700);
    const jobId = await job("arrears", slice);
    sim.inject({ action: "StopLiveRecord", mode: "error", code: "ResourceNotFound.StopService", count: 10_000 });
    startWorker();
    await waitFor(async () => (await jobState(db, jobId)) === "paused");
    await waitFor(async () => ((await itemStates(db, jobId)).sending ?? 0) === 0);
    const view = await getJobView(db, jobId);
    expect(view?.pausedReason).toMatch(/^ResourceNotFound\.StopService: Account in arrears\. Top up/);
    // At most what was already in flight when the first answer came back failed; the rest wait.
    expect(view!.counts.failed).toBeGreaterThan(0);
    expect(view!.counts.failed).toBeLessThanOrEqual(48);
    expect(view!.counts.pending).toBeGreaterThan(300);

    sim.clearFaults();
    expect(await retryFailed(db, jobId)).toMatchObject({ ok: true });
    worker!.wake();
    await waitFor(async () => (await jobState(db, jobId)) === "done");
    expect(await itemStates(db, jobId)).toEqual({ stopped: 400 });
  });

  it("records a Stop's real answer with its RequestId when the worker's lease lapsed and another worker took the job over meanwhile", async () => {
    const slice = tasks.slice(705, 725);
    const jobId = await job("lease lapse", slice);
    const real = createLiveClient({
      endpoint: wire.url,
      secretId: sim.secretId,
      secretKey: sim.secretKey,
      rateLimits: { StopLiveRecord: 200 },
      retryBaseMs: 100,
    });
    // Worker A's Stops reach Tencent and are answered, but the answers reach A only after B has taken over
    // (as when A's process stalls longer than its lease).
    let deliver!: () => void;
    const inTransit = new Promise<void>((resolve) => (deliver = resolve));
    const answeredToA: { taskId: string; requestId: string }[] = [];
    const slowToA: Pick<LiveClient, "stopLiveRecord" | "stopRecordTask"> = {
      stopRecordTask: (req) => real.stopRecordTask(req),
      async stopLiveRecord(req) {
        const r = await real.stopLiveRecord(req);
        if (r.ok) answeredToA.push({ taskId: req.taskId, requestId: r.requestId });
        await inTransit;
        return r;
      },
    };
    const a = createBulkWorker({ db, client: slowToA, workerId: "worker-a", idlePollMs: 100, leaseTtlMs: 3_000 });
    const bEvents: BulkWorkerEvent[] = [];
    const b = createBulkWorker({
      db,
      client: real,
      workerId: "worker-b",
      idlePollMs: 100,
      onEvent: (e) => bEvents.push(e),
    });
    try {
      a.start();
      await waitFor(async () => answeredToA.length === 20);
      // A's lease lapses and B holds it now; B recovers A's in-flight items (their intents become interrupted).
      await db.execute(
        sql`update worker_leases set holder = 'worker-b', expires_at = now() + interval '1 minute' where name = 'bulk-stop'`,
      );
      b.start();
      await waitFor(async () => bEvents.some((e) => e.type === "recovered"));
      const interrupted = await db.execute(
        sql`select count(*)::int as n from audit_records where job_id = ${jobId}::uuid and error_code = 'RecDesk.AuditInterrupted'`,
      );
      expect(interrupted.rows[0]).toEqual({ n: 20 });
      deliver();
      await waitFor(async () => (await jobState(db, jobId)) === "done");
      await waitFor(async () => a.stats().inFlight === 0);
    } finally {
      await a.stop();
      await b.stop();
    }
    // Every RequestId Tencent gave worker A is in the trail as an ok Stop, naming the interrupted intent it answers.
    const records = await db.execute(sql`
      select l.task_id, l.request_id, l.outcome, l.details->>'lateAnswerFor' as late_for, o.outcome as original_outcome, o.error_code as original_code
      from audit_records l join audit_records o on o.id = (l.details->>'lateAnswerFor')::bigint
      where l.job_id = ${jobId}::uuid and l.action = 'task.stop'`);
    const late = records.rows as {
      task_id: string;
      request_id: string;
      outcome: string;
      original_outcome: string;
      original_code: string;
    }[];
    expect(late.map((r) => [r.task_id, r.request_id]).sort()).toEqual(
      answeredToA.map((x) => [x.taskId, x.requestId]).sort(),
    );
    expect(
      late.every(
        (r) => r.outcome === "ok" && r.original_outcome === "unknown" && r.original_code === "RecDesk.AuditInterrupted",
      ),
    ).toBe(true);
    const audit = await jobAudit(db, jobId);
    expect(audit.filter((x) => x.outcome === "pending")).toEqual([]);
    const states = await itemStates(db, jobId);
    expect(states.stopped).toBe(20);
  });

  it("pauses a job whose creator is disabled, with that reason, until an admin resumes it in their own name (audited)", async () => {
    const creator = await createUser(db, { email: `leaver-${driver}@recdesk.test`, name: "Leaver", role: "oncall" });
    const admin = await createUser(db, { email: `admin-${driver}@recdesk.test`, name: "Admin", role: "admin" });
    const slice = tasks.slice(725, 1000);
    const r = await createBulkJob(
      db,
      {
        actor: { userId: creator.id, email: creator.email, role: "oncall" },
        origin: {},
        reason: "leaver's job",
        targets: slice,
      },
      5000,
    );
    if (!r.ok) throw new Error(r.message);
    const jobId = r.jobId;
    startWorker();
    await waitFor(async () => ((await itemStates(db, jobId)).stopped ?? 0) >= 20, 30_000, 10);
    expect(await setDisabledKeepingAnAdmin(db, creator.id, true)).toMatchObject({ ok: true });
    await waitFor(async () => (await jobState(db, jobId)) === "paused");
    await waitFor(async () => ((await itemStates(db, jobId)).sending ?? 0) === 0);
    const paused = await getJobView(db, jobId);
    expect(paused?.pausedReason).toMatch(
      new RegExp(`^RecDesk\\.CreatorDisabled: ${creator.email}, in whose name this job sends its Stops, was disabled`),
    );
    expect(paused!.counts.pending).toBeGreaterThan(0);
    const sentWhilePaused = wire.calls.length;

    // Not without someone taking it over: a plain retry (no resumer) is refused.
    expect(await retryFailed(db, jobId)).toMatchObject({ ok: false, code: "InvalidState" });
    const auth = {
      ok: true,
      actor: { userId: admin.id, email: admin.email, name: "Admin", role: "admin" },
      origin: { clientIp: "203.0.113.9", userAgent: "admin browser" },
    } as const;
    const resumed = await controlJob(db, auth, "bulk.retry", jobId);
    expect(resumed).toMatchObject({ ok: true });
    const resumeRecord = await db.execute(
      sql`select actor_email, outcome, outcome_details from audit_records where action = 'bulk.retry' and job_id = ${jobId}::uuid`,
    );
    expect(resumeRecord.rows).toEqual([
      {
        actor_email: admin.email,
        outcome: "ok",
        outcome_details: expect.objectContaining({ resumedInNameOf: admin.email }),
      },
    ]);
    expect(wire.calls.length).toBe(sentWhilePaused);

    worker!.wake();
    await waitFor(async () => (await jobState(db, jobId)) === "done");
    expect(await itemStates(db, jobId)).toEqual({ stopped: 275 });
    // Stops before the pause are in the creator's name, those after the resume in the admin's.
    const byActor = await db.execute(
      sql`select actor_email, count(*)::int as n from audit_records where job_id = ${jobId}::uuid and action = 'task.stop' and outcome = 'ok' group by actor_email order by actor_email`,
    );
    const counts = Object.fromEntries(
      (byActor.rows as { actor_email: string; n: number }[]).map((x) => [x.actor_email, x.n]),
    );
    expect(counts[creator.email]! + counts[admin.email]!).toBe(275);
    expect(counts[admin.email]).toBe(paused!.counts.pending);
  });

  it("fails an item with a malformed TaskId alone, with its own audit record, and stops the rest", async () => {
    const jobId = await job("mixed", [
      ...tasks.slice(700, 705),
      { taskId: "12 abc", streamName: "room_x" },
      { taskId: "18446744073709551616", streamName: "room_y" },
    ]);
    startWorker();
    await waitFor(async () => (await jobState(db, jobId)) === "done");
    expect(await itemStates(db, jobId)).toEqual({ stopped: 5, failed: 2 });
    const audit = await jobAudit(db, jobId);
    // "12 abc" is neither family's TaskId (RecordTask ids have no spaces); each family's lane checks its own.
    const invalid = audit.filter((a) => a.outcome === "invalid").map((a) => [a.task_id, a.error_code]);
    expect(invalid.sort()).toEqual([
      ["12 abc", "RecDesk.InvalidInput"],
      ["18446744073709551616", "RecDesk.InvalidInput"],
    ]);
    expect(wire.calls.some((c) => c.taskId === "12 abc" || c.taskId === "18446744073709551616")).toBe(false);
    // Every item's record says where the job was asked for, like a single Stop's does.
    const where = await db.execute(
      sql`select distinct client_ip, user_agent from audit_records where job_id = ${jobId}::uuid and action = 'task.stop'`,
    );
    expect(where.rows).toEqual([{ client_ip: "198.51.100.42", user_agent: "on-call browser" }]);
  });
});
