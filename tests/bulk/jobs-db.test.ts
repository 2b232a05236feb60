import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { beginAudit, finishAudit } from "@/lib/audit";
import { cancelJob, retryFailed } from "@/lib/bulk/control";
import { createBulkJob } from "@/lib/bulk/create";
import { acquireLease, BULK_STOP_LEASE, releaseLease } from "@/lib/bulk/lease";
import { closeUnsent } from "@/lib/bulk/outcomes";
import { claimItems, completeItem, finalizeJobs, linkItemsToAudit } from "@/lib/bulk/queue";
import { getJobView, listJobItems, listJobViews } from "@/lib/bulk/read";
import { recoverOrphans } from "@/lib/bulk/recover";
import type { Database, OpenDatabase } from "@/lib/db/types";
import { drivers, openTestDb } from "../helpers/test-db";

const actor = { email: "oncall@recdesk.local", role: "oncall" };
const targets = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => ({ taskId: String(1_000_000 + from + i), streamName: `room_${from + i}` }));

async function itemStates(db: Database, jobId: string): Promise<Record<string, number>> {
  const r = await db.execute(
    sql`select state, count(*)::int as n from bulk_items where job_id = ${jobId}::uuid group by state`,
  );
  return Object.fromEntries((r.rows as { state: string; n: number }[]).map((x) => [x.state, x.n]));
}

describe.each(drivers)("bulk jobs in the database (%s)", (driver) => {
  let open: OpenDatabase;
  let db: Database;
  beforeAll(async () => {
    open = await openTestDb(driver);
    db = open.db;
  });
  afterAll(async () => open?.close());

  it("creates the job and one pending item per distinct task, all at once", async () => {
    const r = await createBulkJob(
      db,
      { actor, reason: "runaway rule", targets: [...targets(1200), ...targets(10)] },
      5000,
    );
    expect(r).toMatchObject({ ok: true, total: 1200 });
    if (!r.ok) return;
    expect(await itemStates(db, r.jobId)).toEqual({ pending: 1200 });
    const view = await getJobView(db, r.jobId);
    expect(view).toMatchObject({
      state: "running",
      reason: "runaway rule",
      createdByEmail: actor.email,
      counts: { total: 1200, pending: 1200 },
    });
  });

  it("refuses a selection above the maximum, an empty one, and a missing reason, creating nothing", async () => {
    const before = await db.execute(sql`select count(*)::int as n from bulk_jobs`);
    const tooMany = await createBulkJob(db, { actor, reason: "x", targets: targets(11) }, 10);
    expect(tooMany).toMatchObject({ ok: false, code: "TooManyItems" });
    expect(tooMany.ok || tooMany.message).toMatch(/11 tasks are selected; one bulk job stops at most 10/);
    expect(await createBulkJob(db, { actor, reason: "x", targets: [] }, 10)).toMatchObject({
      ok: false,
      code: "EmptySelection",
    });
    expect(await createBulkJob(db, { actor, reason: "  ", targets: targets(1) }, 10)).toMatchObject({
      ok: false,
      code: "InvalidInput",
    });
    const after = await db.execute(sql`select count(*)::int as n from bulk_jobs`);
    expect(after.rows[0]).toEqual(before.rows[0]);
  });

  it("gives two simultaneous claimers disjoint items (SKIP LOCKED), oldest job first", async () => {
    await db.execute(sql`update bulk_jobs set state = 'done'`);
    const r = await createBulkJob(db, { actor, reason: "claim", targets: targets(300, 5000) }, 5000);
    if (!r.ok) throw new Error(r.message);
    const [a, b] = await Promise.all([claimItems(db, "worker-a", 200), claimItems(db, "worker-b", 200)]);
    const ids = [...a, ...b].map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(300);
    expect(await itemStates(db, r.jobId)).toEqual({ sending: 300 });
    expect((await getJobView(db, r.jobId))?.startedAt).not.toBeNull();
  });

  it("cancel marks pending items cancelled and leaves in-flight ones to finish", async () => {
    const r = await createBulkJob(db, { actor, reason: "cancel me", targets: targets(50, 9000) }, 5000);
    if (!r.ok) throw new Error(r.message);
    await db.execute(sql`update bulk_jobs set state = 'done' where id <> ${r.jobId}::uuid`);
    const inFlight = await claimItems(db, "w", 5);
    expect(await cancelJob(db, r.jobId)).toEqual({ ok: true, affected: 45 });
    expect(await claimItems(db, "w", 10)).toEqual([]);
    expect(await itemStates(db, r.jobId)).toEqual({ sending: 5, cancelled: 45 });
    expect((await getJobView(db, r.jobId))?.finishedAt).toBeNull();
    for (const item of inFlight)
      await completeItem(db, "w", item.id, { state: "stopped", requestId: "req", auditId: 1 });
    await finalizeJobs(db);
    const view = await getJobView(db, r.jobId);
    expect(view).toMatchObject({ state: "cancelled", counts: { stopped: 5, cancelled: 45 } });
    expect(view?.finishedAt).not.toBeNull();
    expect(await cancelJob(db, r.jobId)).toMatchObject({ ok: false, code: "InvalidState" });
  });

  it("retry failed puts failed items back in the queue and resumes a paused job", async () => {
    const r = await createBulkJob(db, { actor, reason: "retry", targets: targets(4, 12000) }, 5000);
    if (!r.ok) throw new Error(r.message);
    await db.execute(sql`update bulk_jobs set state = 'done' where id <> ${r.jobId}::uuid`);
    const items = await claimItems(db, "w", 4);
    await completeItem(db, "w", items[0]!.id, { state: "stopped", requestId: "r0", auditId: 1 });
    for (const i of items.slice(1))
      await completeItem(db, "w", i.id, { state: "failed", errorCode: "ResourceNotFound.StopService", auditId: 1 });
    await db.execute(sql`update bulk_jobs set state = 'paused', paused_reason = 'arrears' where id = ${r.jobId}::uuid`);
    expect(await retryFailed(db, r.jobId)).toEqual({ ok: true, affected: 3 });
    const view = await getJobView(db, r.jobId);
    expect(view).toMatchObject({ state: "running", pausedReason: null, counts: { pending: 3, stopped: 1, failed: 0 } });
    const page = await listJobItems(db, r.jobId, { state: "pending" });
    expect(page.items.every((i) => i.errorCode === null && i.requestId === null)).toBe(true);
    expect(await retryFailed(db, "00000000-0000-0000-0000-000000000000")).toMatchObject({
      ok: false,
      code: "NotFound",
    });
  });

  it("lets one holder take the lease, refuses a second until it expires or is released", async () => {
    expect(await acquireLease(db, BULK_STOP_LEASE, "a", 60_000)).toBe(true);
    expect(await acquireLease(db, BULK_STOP_LEASE, "b", 60_000)).toBe(false);
    expect(await acquireLease(db, BULK_STOP_LEASE, "a", 60_000)).toBe(true);
    expect(
      (await db.execute(sql`select holder from worker_leases where name = ${BULK_STOP_LEASE} and expires_at > now()`))
        .rows,
    ).toEqual([{ holder: "a" }]);
    await db.execute(sql`update worker_leases set expires_at = now() - interval '1 second'`);
    expect(await acquireLease(db, BULK_STOP_LEASE, "b", 60_000)).toBe(true);
    expect(await acquireLease(db, BULK_STOP_LEASE, "a", 60_000)).toBe(false);
    await releaseLease(db, BULK_STOP_LEASE, "b");
    expect(await acquireLease(db, BULK_STOP_LEASE, "a", 60_000)).toBe(true);
    await releaseLease(db, BULK_STOP_LEASE, "a");
  });

  it("recovers a dead worker's items from their audit records: unsent → queue, unknown → resend, finished → outcome", async () => {
    await db.execute(sql`update bulk_jobs set state = 'done'`);
    await db.execute(sql`update bulk_items set state = 'failed' where state = 'sending'`);
    const r = await createBulkJob(db, { actor, reason: "crash", targets: targets(4, 20000) }, 5000);
    if (!r.ok) throw new Error(r.message);
    const [neverSent, inFlight, answeredOk, answeredErr] = await claimItems(db, "dead", 4);
    const intent = (taskId: string) => ({
      actor,
      action: "task.stop" as const,
      target: { taskId },
      jobId: r.jobId,
      reason: "crash",
    });
    const link = async (itemId: number, auditId: number) =>
      db.execute(sql`update bulk_items set audit_id = ${auditId} where id = ${itemId}`);
    const pendingAudit = await beginAudit(db, intent(inFlight!.taskId));
    await link(inFlight!.id, pendingAudit);
    const okAudit = await beginAudit(db, intent(answeredOk!.taskId));
    await finishAudit(db, okAudit, { outcome: "ok", requestId: "req-ok" });
    await link(answeredOk!.id, okAudit);
    const errAudit = await beginAudit(db, intent(answeredErr!.taskId));
    await finishAudit(db, errAudit, { outcome: "error", requestId: "req-err", errorCode: "ResourceNotFound.TaskId" });
    await link(answeredErr!.id, errAudit);

    expect(await recoverOrphans(db, "alive")).toEqual({ neverSent: 1, resend: 1, completedFromAudit: 2 });
    const page = await listJobItems(db, r.jobId);
    const byId = new Map(page.items.map((i) => [i.id, i]));
    expect(byId.get(neverSent!.id)).toMatchObject({ state: "pending", attempts: 0 });
    expect(byId.get(inFlight!.id)).toMatchObject({ state: "pending", attempts: 1 });
    expect(byId.get(answeredOk!.id)).toMatchObject({ state: "stopped", requestId: "req-ok" });
    expect(byId.get(answeredErr!.id)).toMatchObject({
      state: "failed",
      requestId: "req-err",
      errorCode: "ResourceNotFound.TaskId",
    });
    const audit = await db.execute(sql`select outcome, error_code from audit_records where id = ${pendingAudit}`);
    expect(audit.rows[0]).toEqual({ outcome: "unknown", error_code: "RecDesk.AuditInterrupted" });
    // Idempotent: nothing is left in flight to recover.
    expect(await recoverOrphans(db, "alive")).toEqual({ neverSent: 0, resend: 0, completedFromAudit: 0 });
  });

  it("requeues, not fails, an item sent back as not sent whose next claim crashed between its intent and the link", async () => {
    await db.execute(sql`update bulk_jobs set state = 'done'`);
    await db.execute(sql`update bulk_items set state = 'failed' where state = 'sending'`);
    const r = await createBulkJob(db, { actor, reason: "not sent", targets: targets(1, 30000) }, 5000);
    if (!r.ok) throw new Error(r.message);
    const intent = (taskId: string, itemId: number) => ({
      actor,
      action: "task.stop" as const,
      target: { taskId },
      jobId: r.jobId,
      reason: "not sent",
      details: { bulkItemId: itemId },
    });
    // First claim: intent committed and linked, then the job paused before the Stop went out.
    const [item] = await claimItems(db, "w1", 1);
    const notSent = await beginAudit(db, intent(item!.taskId, item!.id));
    await linkItemsToAudit(db, "w1", [{ itemId: item!.id, auditId: notSent }]);
    await closeUnsent(db, "w1", [{ item: item!, auditId: notSent }], "the job was paused");
    // Second claim: its intent is committed, then the process dies before linking it.
    const [again] = await claimItems(db, "w1", 1);
    expect(again).toMatchObject({ id: item!.id, auditId: null });
    const unlinked = await beginAudit(db, intent(again!.taskId, again!.id));

    expect(await recoverOrphans(db, "w2")).toEqual({ neverSent: 1, resend: 0, completedFromAudit: 0 });
    expect(await itemStates(db, r.jobId)).toEqual({ pending: 1 });
    const audit = await db.execute(
      sql`select id, outcome, error_code from audit_records where id in (${notSent}, ${unlinked}) order by id`,
    );
    expect(audit.rows.map((a) => (a as { error_code: string }).error_code)).toEqual([
      "RecDesk.NotSent",
      "RecDesk.NotSent",
    ]);
  });

  it("requeues an item left pointing at a not-sent record by an older release, instead of copying that record's error onto it", async () => {
    await db.execute(sql`update bulk_jobs set state = 'done'`);
    const r = await createBulkJob(db, { actor, reason: "old pointer", targets: targets(1, 31000) }, 5000);
    if (!r.ok) throw new Error(r.message);
    const [item] = await claimItems(db, "w1", 1);
    const notSent = await beginAudit(db, {
      actor,
      action: "task.stop",
      target: { taskId: item!.taskId },
      jobId: r.jobId,
      reason: "old pointer",
      details: { bulkItemId: item!.id },
    });
    await finishAudit(db, notSent, {
      outcome: "error",
      errorCode: "RecDesk.NotSent",
      errorMessage: "Not sent: the job was paused.",
    });
    await db.execute(sql`update bulk_items set audit_id = ${notSent} where id = ${item!.id}`);
    expect(await recoverOrphans(db, "w2")).toEqual({ neverSent: 1, resend: 0, completedFromAudit: 0 });
    expect(await itemStates(db, r.jobId)).toEqual({ pending: 1 });
  });

  it("pages the job history newest first, every job once, and clamps a page past the end", async () => {
    const made: string[] = [];
    for (const reason of ["history a", "history b", "history c"]) {
      const r = await createBulkJob(db, { actor, reason, targets: targets(1, 90_000 + made.length) }, 10);
      if (!r.ok) throw new Error(r.message);
      made.push(r.jobId);
    }
    const first = await listJobViews(db, { pageSize: 2 });
    expect(first.jobs.map((j) => j.reason)).toEqual(["history c", "history b"]);
    expect(first).toMatchObject({ page: 1, pageSize: 2, pageCount: Math.ceil(first.total / 2) });
    const seen: string[] = [];
    for (let page = 1; page <= first.pageCount; page++)
      seen.push(...(await listJobViews(db, { page, pageSize: 2 })).jobs.map((j) => j.id));
    expect(seen).toHaveLength(first.total);
    expect(new Set(seen).size).toBe(first.total);
    expect(seen.slice(0, 3)).toEqual([...made].reverse());
    expect((await listJobViews(db, { page: 999, pageSize: 2 })).page).toBe(first.pageCount);
  });
});
