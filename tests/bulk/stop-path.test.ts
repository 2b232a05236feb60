import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createBulkJob } from "@/lib/bulk/create";
import { beginAudits } from "@/lib/audit";
import { closeUnsent } from "@/lib/bulk/outcomes";
import { claimItems } from "@/lib/bulk/queue";
import { recoverOrphans } from "@/lib/bulk/recover";
import { claimTasksOf } from "@/lib/bulk/task-claims";
import { createBulkWorker, type BulkWorker } from "@/lib/bulk/worker";
import type { Database, OpenDatabase } from "@/lib/db/types";
import { createLiveClient, type LiveClient } from "@/lib/tencent-live/client";
import { startSimulator, type Simulator } from "@/lib/tencent-live/simulator";
import type { SimTask } from "@/lib/tencent-live/types";
import { stopTask } from "@/lib/tasks/stop-task";
import { getTaskRow } from "@/lib/tasks/registry";
import { claimStop } from "@/lib/tasks/stop-claim";
import { drivers, openTestDb } from "../helpers/test-db";
import { insertActors, support } from "../tasks/helpers";
import { jobState, registerSimTasks, waitFor } from "./helpers/fixtures";

const actor = { email: "oncall@recdesk.local", role: "oncall", userId: undefined };

// One Stop path: a single Stop and a bulk item take the same claim on the task's row, so whichever asks
// second shares the first one's answer instead of calling Tencent again.
describe.each(drivers)("single Stop and bulk item on the same task (%s)", (driver) => {
  let open: OpenDatabase;
  let db: Database;
  let sim: Simulator;
  let client: LiveClient;
  let worker: BulkWorker | undefined;
  let tasks: SimTask[];

  beforeAll(async () => {
    open = await openTestDb(driver);
    db = open.db;
    await insertActors(db);
    // Slow enough answers that the second Stop certainly arrives while the first is on the wire.
    sim = await startSimulator({
      tasks: 20,
      streams: 10,
      control: true,
      latencyMs: 1_500,
      taskIdBase: "18446744073709400000",
    });
    tasks = sim.listTasks();
    await registerSimTasks(db, tasks);
    client = createLiveClient({
      endpoint: sim.url,
      secretId: sim.secretId,
      secretKey: sim.secretKey,
      timeoutMs: 10_000,
      retryBaseMs: 100,
    });
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
  });
  afterAll(async () => {
    await sim?.close();
    await open?.close();
  });

  const single = (t: SimTask, reason: string) =>
    stopTask(
      db,
      { getClient: async () => client, pollMs: 20, joinWaitMs: 15_000 },
      { taskId: t.taskId, streamName: t.streamName, reason },
      support,
    );

  async function bulkJob(t: SimTask, reason: string): Promise<string> {
    const r = await createBulkJob(
      db,
      {
        actor,
        origin: { clientIp: "198.51.100.42", userAgent: "vitest" },
        reason,
        targets: [{ taskId: t.taskId, streamName: t.streamName }],
      },
      5000,
    );
    if (!r.ok) throw new Error(r.message);
    return r.jobId;
  }

  function startWorker() {
    worker = createBulkWorker({ db, client, idlePollMs: 50 });
    worker.start();
  }

  const claimed = (t: SimTask) => async () => (await getTaskRow(db, t.taskId))?.stoppingSince != null;

  async function bulkItem(jobId: string) {
    const r = await db.execute(sql`
      select i.state, i.request_id, i.error_code, a.outcome, a.request_id as audit_request_id, a.outcome_details as details
      from bulk_items i join audit_records a on a.id = i.audit_id where i.job_id = ${jobId}::uuid`);
    return r.rows[0] as {
      state: string;
      request_id: string | null;
      error_code: string | null;
      outcome: string;
      audit_request_id: string | null;
      details: Record<string, unknown>;
    };
  }

  it("a bulk item arriving while a single Stop is on the wire makes no call of its own and records the single Stop's RequestId", async () => {
    const t = tasks[0]!;
    const before = sim.callCount("StopLiveRecord");
    const first = single(t, "single first");
    await waitFor(claimed(t), 10_000, 5);
    const jobId = await bulkJob(t, "bulk second");
    startWorker();
    const result = await first;
    await waitFor(async () => (await jobState(db, jobId)) === "done", 30_000);

    expect(sim.callCount("StopLiveRecord") - before).toBe(1);
    expect(result).toMatchObject({ ok: true, state: "stopped" });
    const requestId = result.ok ? result.requestId : undefined;
    expect(requestId).toBeTruthy();
    const item = await bulkItem(jobId);
    expect(item).toMatchObject({ state: "stopped", request_id: requestId, outcome: "ok", audit_request_id: requestId });
    expect(item.details).toMatchObject({ coalesced: true, upstreamCall: false });
    const row = await getTaskRow(db, t.taskId);
    expect(row).toMatchObject({
      state: "stopped",
      stoppingSince: null,
      lastRequestId: requestId,
      lastActionBy: support.actor.email,
    });
  });

  it("a single Stop arriving while a bulk item is on the wire makes no call of its own and answers with the bulk item's RequestId", async () => {
    const t = tasks[1]!;
    const before = sim.callCount("StopLiveRecord");
    const jobId = await bulkJob(t, "bulk first");
    startWorker();
    await waitFor(claimed(t), 10_000, 5);
    const result = await single(t, "single second");
    await waitFor(async () => (await jobState(db, jobId)) === "done", 30_000);

    expect(sim.callCount("StopLiveRecord") - before).toBe(1);
    const item = await bulkItem(jobId);
    expect(item).toMatchObject({ state: "stopped", outcome: "ok" });
    expect(item.details).not.toHaveProperty("coalesced");
    expect(result).toMatchObject({ ok: true, coalesced: true, requestId: item.request_id });
    expect(item.request_id).toBeTruthy();
    expect(await getTaskRow(db, t.taskId)).toMatchObject({
      state: "stopped",
      stoppingSince: null,
      lastRequestId: item.request_id,
    });
  });

  it("shares an upstream error the same way: both show Tencent's code and RequestId, one call", async () => {
    const t = tasks[2]!;
    const res = await fetch(`${sim.url}/_sim/faults`, {
      method: "POST",
      body: JSON.stringify({
        action: "StopLiveRecord",
        mode: "error",
        code: "InternalError",
        message: "backend busy",
        count: 1,
        latencyMs: 1_500,
      }),
    });
    expect(res.status).toBe(200);
    const before = sim.callCount("StopLiveRecord");
    const jobId = await bulkJob(t, "bulk first, fails");
    startWorker();
    await waitFor(claimed(t), 10_000, 5);
    const result = await single(t, "single second, shares the failure");
    await waitFor(async () => (await jobState(db, jobId)) === "done", 30_000);

    const item = await bulkItem(jobId);
    expect(item).toMatchObject({ state: "failed" });
    expect(result.ok).toBe(false);
    expect(item.error_code).toBe("InternalError");
    expect(item.request_id).toBeTruthy();
    expect(result).toMatchObject({
      ok: false,
      code: "InternalError",
      message: "backend busy",
      requestId: item.request_id,
    });
    expect(sim.callCount("StopLiveRecord") - before).toBe(1);
    const audit = await db.execute(
      sql`select details from audit_records where task_id = ${t.taskId} and job_id is null and outcome <> 'pending' order by id desc limit 1`,
    );
    expect((audit.rows[0] as { details: Record<string, unknown> }).details).toMatchObject({
      coalesced: true,
      upstreamCall: false,
    });
    expect(await getTaskRow(db, t.taskId)).toMatchObject({ stoppingSince: null });
  });

  it("recovery ends the task claim of an item its dead worker left sending, so nobody waits on it", async () => {
    const t = tasks[3]!;
    const jobId = await bulkJob(t, "worker died mid-call");
    await db.execute(
      sql`update bulk_items set state = 'sending', claimed_by = 'dead-worker', claimed_at = now() where job_id = ${jobId}::uuid`,
    );
    await db.execute(
      sql`update recording_tasks t set stopping_since = i.claimed_at from bulk_items i where i.job_id = ${jobId}::uuid and t.task_id = i.task_id`,
    );
    expect(await getTaskRow(db, t.taskId)).toMatchObject({ stoppingSince: expect.any(Date) });

    await recoverOrphans(db, "new-holder");
    expect(await getTaskRow(db, t.taskId)).toMatchObject({ stoppingSince: null });
    const r = await db.execute(sql`select state from bulk_items where job_id = ${jobId}::uuid`);
    expect(r.rows[0]).toEqual({ state: "pending" });
    await db.execute(sql`update bulk_jobs set state = 'done' where id = ${jobId}::uuid`);
  });

  it("an item handed back unsent (paused, lease lost, shutting down) ends its task claim in the same step", async () => {
    const t = tasks[4]!;
    const jobId = await bulkJob(t, "handed back before sending");
    const [item] = await claimItems(db, "this-worker", 10);
    expect(item).toMatchObject({ jobId, taskId: t.taskId });
    expect((await claimTasksOf(db, [item!])).get(item!.id)).toBe("held");
    const row = await getTaskRow(db, t.taskId);
    expect(row!.stoppingSince).not.toBeNull();
    // A second claim on the same task, from a single Stop, is refused while the item holds it.
    expect(await claimStop(db, t.taskId)).toBeNull();

    const [auditId] = await beginAudits(db, [
      { actor, action: "task.stop", target: { taskId: t.taskId, streamName: t.streamName }, reason: "x", jobId },
    ]);
    await closeUnsent(db, "this-worker", [{ item: item!, auditId: auditId!, claim: "held" }], "the job was paused");
    expect(await getTaskRow(db, t.taskId)).toMatchObject({ stoppingSince: null, state: "recording" });
    const r = await db.execute(sql`select state from bulk_items where id = ${item!.id}`);
    expect(r.rows[0]).toEqual({ state: "pending" });
    await db.execute(sql`update bulk_jobs set state = 'done' where id = ${jobId}::uuid`);
  });
});
