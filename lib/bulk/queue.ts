import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db/types";

/** An item this worker has claimed (state `sending`); only its claimer may finish it. */
export interface ClaimedItem {
  id: number;
  jobId: string;
  taskId: string;
  streamName: string;
  appName: string;
  domainName: string;
  /** Set when an earlier holder committed the audit intent but died before its outcome: reuse it. */
  auditId: number | null;
}

interface ClaimedRow {
  id: string | number;
  job_id: string;
  task_id: string;
  stream_name: string;
  app_name: string;
  domain_name: string;
  audit_id: number | null;
}

/**
 * Claims up to `limit` pending items of running jobs, oldest job first. SKIP LOCKED lets two claimers run at
 * once without waiting on, or ever both getting, the same row; the state change to `sending` is what stops a
 * later claim (and a Cancel) from touching the item again.
 */
export async function claimItems(db: Database, workerId: string, limit: number): Promise<ClaimedItem[]> {
  if (limit <= 0) return [];
  const result = await db.execute(sql`
    update bulk_items set state = 'sending', claimed_by = ${workerId}, claimed_at = now(), attempts = attempts + 1
    where id in (
      select i.id from bulk_items i join bulk_jobs j on j.id = i.job_id
      where i.state = 'pending' and j.state = 'running'
      order by j.created_at, i.id
      limit ${limit}
      for update of i skip locked)
    returning id, job_id, task_id, stream_name, app_name, domain_name, audit_id`);
  const items = (result.rows as unknown as ClaimedRow[]).map((r) => ({
    id: Number(r.id),
    jobId: r.job_id,
    taskId: r.task_id,
    streamName: r.stream_name,
    appName: r.app_name,
    domainName: r.domain_name,
    auditId: r.audit_id === null ? null : Number(r.audit_id),
  }));
  const jobIds = [...new Set(items.map((i) => i.jobId))];
  if (jobIds.length > 0) {
    await db.execute(sql`update bulk_jobs set started_at = now() where started_at is null and id in (${sql.join(jobIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
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
  const result = await db.execute(sql`
    update bulk_items set state = ${o.state}, request_id = ${o.requestId ?? null}, error_code = ${o.errorCode ?? null},
      error_message = ${o.errorMessage ?? null}, audit_id = ${o.auditId}, finished_at = now()
    where id = ${itemId} and state = 'sending' and claimed_by = ${workerId}
    returning id`);
  return result.rows.length === 1;
}

/** Hands claimed but unsent items back (pause, lost lease, shutdown). */
export async function releaseItems(db: Database, workerId: string, itemIds: number[]): Promise<void> {
  if (itemIds.length === 0) return;
  await db.execute(sql`
    update bulk_items set state = 'pending', claimed_by = null, claimed_at = null, attempts = greatest(attempts - 1, 0)
    where state = 'sending' and claimed_by = ${workerId} and id in (${sql.join(itemIds.map((id) => sql`${id}`), sql`, `)})`);
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
