import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db/types";
import type { TaskFamily } from "@/lib/tasks/task-family";

/** An item this worker has claimed (state `sending`); only its claimer may finish it. */
export interface ClaimedItem {
  id: number;
  jobId: string;
  taskId: string;
  /** Which Stop the item sends, and so which lane (and rate limit) it waits in. */
  family: TaskFamily;
  streamName: string;
  appName: string;
  domainName: string;
  /** Set when an earlier holder committed the audit intent but died before its outcome: reuse it. */
  auditId: number | null;
  /** When this claim was taken, as the database wrote it (text keeps the microseconds): the task's Stop claim is taken under it. */
  claimedAt: string;
}

interface ClaimedRow {
  id: string | number;
  job_id: string;
  task_id: string;
  family: TaskFamily;
  stream_name: string;
  app_name: string;
  domain_name: string;
  audit_id: number | null;
  claimed_at: string;
}

/**
 * Claims up to `limit` pending items of running jobs, oldest job first; with `family`, only that family's items
 * (the worker fills each family's lane on its own, so slow 20/s RecordTask Stops never hold legacy lanes). SKIP LOCKED lets two claimers run at
 * once without waiting on, or ever both getting, the same row; the state change to `sending` is what stops a
 * later claim (and a Cancel) from touching the item again.
 */
export async function claimItems(
  db: Database,
  workerId: string,
  limit: number,
  lease?: string,
  family?: TaskFamily,
): Promise<ClaimedItem[]> {
  if (limit <= 0) return [];
  // With `lease`, only while the database says this worker still holds it: a worker whose lease lapsed learns
  // so only at its next renewal, and must not claim the items the new holder has just queued again.
  const holdsLease = lease
    ? sql`and exists (select 1 from worker_leases l where l.name = ${lease} and l.holder = ${workerId} and l.expires_at > now())`
    : sql``;
  const ofFamily = family ? sql`and i.family = ${family}` : sql``;
  const result = await db.execute(sql`
    update bulk_items set state = 'sending', claimed_by = ${workerId}, claimed_at = now(), attempts = attempts + 1
    where id in (
      select i.id from bulk_items i join bulk_jobs j on j.id = i.job_id
      where i.state = 'pending' and j.state = 'running' ${ofFamily} ${holdsLease}
      order by j.created_at, i.id
      limit ${limit}
      for update of i skip locked)
    returning id, job_id, task_id, family, stream_name, app_name, domain_name, audit_id, claimed_at::text as claimed_at`);
  const items = (result.rows as unknown as ClaimedRow[]).map((r) => ({
    id: Number(r.id),
    jobId: r.job_id,
    taskId: r.task_id,
    family: r.family,
    streamName: r.stream_name,
    appName: r.app_name,
    domainName: r.domain_name,
    auditId: r.audit_id === null ? null : Number(r.audit_id),
    claimedAt: r.claimed_at,
  }));
  const jobIds = [...new Set(items.map((i) => i.jobId))];
  if (jobIds.length > 0) {
    await db.execute(
      sql`update bulk_jobs set started_at = now() where started_at is null and id in (${sql.join(
        jobIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
  }
  return items.sort((a, b) => a.id - b.id);
}

export interface ItemOutcome {
  state: "stopped" | "failed";
  requestId?: string;
  errorCode?: string;
  errorMessage?: string;
  auditId: number;
}

/** Records an item's outcome; false when the claim was lost meanwhile (another holder recovered the item). */
export async function completeItem(db: Database, workerId: string, itemId: number, o: ItemOutcome): Promise<boolean> {
  return (await completeItems(db, workerId, [{ itemId, ...o }])).has(itemId);
}

/** Records many outcomes in one statement; returns the items whose claim still held (the others are left alone). */
export async function completeItems(
  db: Database,
  workerId: string,
  outcomes: (ItemOutcome & { itemId: number })[],
): Promise<Set<number>> {
  if (outcomes.length === 0) return new Set();
  const values = outcomes.map(
    (o) =>
      sql`(${o.itemId}::bigint, ${o.state}::text, ${o.requestId ?? null}::text, ${o.errorCode ?? null}::text, ${o.errorMessage ?? null}::text, ${o.auditId}::bigint)`,
  );
  const result = await db.execute(sql`
    update bulk_items i set state = v.state, request_id = v.request_id, error_code = v.error_code,
      error_message = v.error_message, audit_id = v.audit_id, finished_at = now()
    from (values ${sql.join(values, sql`, `)}) as v(id, state, request_id, error_code, error_message, audit_id)
    where i.id = v.id and i.state = 'sending' and i.claimed_by = ${workerId}
    returning i.id`);
  return new Set((result.rows as { id: string | number }[]).map((r) => Number(r.id)));
}

/** Points claimed items at the intents just committed for them, so recovery knows a call may have gone out. */
export async function linkItemsToAudit(
  db: Database,
  workerId: string,
  links: { itemId: number; auditId: number }[],
): Promise<void> {
  if (links.length === 0) return;
  const values = links.map((l) => sql`(${l.itemId}::bigint, ${l.auditId}::bigint)`);
  await db.execute(sql`
    update bulk_items i set audit_id = v.audit_id
    from (values ${sql.join(values, sql`, `)}) as v(id, audit_id)
    where i.id = v.id and i.claimed_by = ${workerId} and i.state = 'sending'`);
}

/**
 * Hands claimed but unsent items back (pause, lost lease, shutdown). Each item points again at what it pointed
 * at when claimed (an interrupted intent a resend follows up, or nothing), never at a not-sent record: recovery
 * reads a linked record with an outcome as "answered", so a crash on the next claim would fail the item.
 */
export async function releaseItems(
  db: Database,
  workerId: string,
  items: Pick<ClaimedItem, "id" | "auditId">[],
): Promise<void> {
  if (items.length === 0) return;
  const values = items.map((i) => sql`(${i.id}::bigint, ${i.auditId}::bigint)`);
  await db.execute(sql`
    update bulk_items i set state = 'pending', claimed_by = null, claimed_at = null, attempts = greatest(i.attempts - 1, 0),
      audit_id = v.audit_id
    from (values ${sql.join(values, sql`, `)}) as v(id, audit_id)
    where i.id = v.id and i.state = 'sending' and i.claimed_by = ${workerId}`);
}

/**
 * Closes jobs with nothing left to send: running ones become `done`; cancelled ones get their finish time
 * once their last in-flight item has answered.
 */
export async function finalizeJobs(db: Database): Promise<string[]> {
  const result = await db.execute(sql`
    update bulk_jobs j set state = case when j.state = 'running' then 'done' else j.state end, finished_at = now()
    where (j.state = 'running' or (j.state = 'cancelled' and j.finished_at is null))
      and not exists (select 1 from bulk_items i where i.job_id = j.id and i.state in ('pending', 'sending'))
    returning id`);
  return (result.rows as { id: string }[]).map((r) => r.id);
}
