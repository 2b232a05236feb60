import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db/types";
import type { BulkCounts, BulkItemState, BulkItemView, BulkJobState, BulkJobView } from "./types";

// Window for the "current rate": long enough to smooth out the per-second limiter, short enough to react.
const RATE_WINDOW_MS = 5_000;

interface JobRow {
  id: string;
  state: BulkJobState;
  paused_reason: string | null;
  reason: string;
  created_at: Date | string;
  started_at: Date | string | null;
  finished_at: Date | string | null;
  created_by_email: string;
  created_by_role: string | null;
  total: number;
  pending: string | number;
  sending: string | number;
  stopped: string | number;
  failed: string | number;
  cancelled: string | number;
  record_tasks: string | number;
  recent: string | number;
  now: Date | string;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function toView(r: JobRow): BulkJobView {
  const counts: BulkCounts = {
    total: Number(r.total),
    pending: Number(r.pending),
    sending: Number(r.sending),
    stopped: Number(r.stopped),
    failed: Number(r.failed),
    cancelled: Number(r.cancelled),
  };
  const now = new Date(r.now).getTime();
  const started = r.started_at ? new Date(r.started_at).getTime() : null;
  const finished = r.finished_at ? new Date(r.finished_at).getTime() : null;
  const durationMs = started === null ? null : (finished ?? now) - started;
  const done = counts.stopped + counts.failed;
  let ratePerSecond = 0;
  if (r.state === "running" && started !== null) {
    const window = Math.min(RATE_WINDOW_MS, Math.max(1, now - started));
    ratePerSecond = (Number(r.recent) * 1000) / window;
  } else if (durationMs && durationMs > 0) {
    ratePerSecond = (done * 1000) / durationMs;
  }
  const left = counts.pending + counts.sending;
  const secondsLeft =
    r.state === "running" && left > 0 ? (ratePerSecond > 0 ? left / ratePerSecond : null) : left === 0 ? 0 : null;
  return {
    id: r.id,
    state: r.state,
    pausedReason: r.paused_reason,
    reason: r.reason,
    createdAt: iso(r.created_at)!,
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
    createdByEmail: r.created_by_email,
    createdByRole: r.created_by_role,
    counts,
    recordTaskItems: Number(r.record_tasks),
    ratePerSecond: Math.round(ratePerSecond * 10) / 10,
    secondsLeft: secondsLeft === null ? null : Math.ceil(secondsLeft),
    durationMs,
  };
}

function jobsQuery(where: ReturnType<typeof sql>, limit: number) {
  return sql`
    select j.id, j.state, j.paused_reason, j.reason, j.created_at, j.started_at, j.finished_at,
      j.created_by_email, j.created_by_role, j.total, now() as now,
      count(*) filter (where i.state = 'pending') as pending,
      count(*) filter (where i.state = 'sending') as sending,
      count(*) filter (where i.state = 'stopped') as stopped,
      count(*) filter (where i.state = 'failed') as failed,
      count(*) filter (where i.state = 'cancelled') as cancelled,
      count(*) filter (where i.family = 'recordTask') as record_tasks,
      count(*) filter (where i.finished_at > now() - make_interval(secs => ${RATE_WINDOW_MS / 1000}) and i.state in ('stopped', 'failed')) as recent
    from bulk_jobs j left join bulk_items i on i.job_id = j.id
    where ${where}
    group by j.id
    order by j.created_at desc, j.id
    limit ${limit}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getJobView(db: Database, jobId: string): Promise<BulkJobView | null> {
  if (!UUID.test(jobId)) return null;
  const r = await db.execute(jobsQuery(sql`j.id = ${jobId}::uuid`, 1));
  const row = r.rows[0] as unknown as JobRow | undefined;
  return row ? toView(row) : null;
}

export interface JobPage {
  jobs: BulkJobView[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

/** Job history, newest first, one page at a time; a page past the end shows the last one. */
export async function listJobViews(db: Database, opts: { page?: number; pageSize?: number } = {}): Promise<JobPage> {
  const pageSize = Math.min(Math.max(opts.pageSize ?? 50, 1), 500);
  const counted = await db.execute(sql`select count(*) as n from bulk_jobs`);
  const total = Number((counted.rows[0] as { n: string | number }).n);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(Math.trunc(opts.page ?? 1) || 1, 1), pageCount);
  // Pick the page's jobs first, so only their items are counted, not every item of every job ever run.
  const pageJobs = sql`j.id in (select id from bulk_jobs order by created_at desc, id limit ${pageSize} offset ${(page - 1) * pageSize})`;
  const r = await db.execute(jobsQuery(pageJobs, pageSize));
  return { jobs: (r.rows as unknown as JobRow[]).map(toView), total, page, pageSize, pageCount };
}

export interface ItemPage {
  items: BulkItemView[];
  total: number;
}

/** A job's items: failed ones first (what the on-call engineer needs to see), then in queue order. */
export async function listJobItems(
  db: Database,
  jobId: string,
  opts: { state?: BulkItemState; limit?: number; offset?: number } = {},
): Promise<ItemPage> {
  if (!UUID.test(jobId)) return { items: [], total: 0 };
  const stateWhere = opts.state ? sql`and state = ${opts.state}` : sql``;
  const limit = Math.min(Math.max(opts.limit ?? 100, 1), 1000);
  const offset = Math.max(opts.offset ?? 0, 0);
  const [rows, total] = await Promise.all([
    db.execute(sql`
      select id, task_id, family, domain_name, app_name, stream_name, state, attempts, request_id, error_code, error_message, finished_at
      from bulk_items where job_id = ${jobId}::uuid ${stateWhere}
      order by case state when 'failed' then 0 when 'sending' then 1 when 'pending' then 2 else 3 end, id
      limit ${limit} offset ${offset}`),
    db.execute(sql`select count(*) as n from bulk_items where job_id = ${jobId}::uuid ${stateWhere}`),
  ]);
  type Row = {
    id: string | number;
    task_id: string;
    family: BulkItemView["family"];
    domain_name: string;
    app_name: string;
    stream_name: string;
    state: BulkItemState;
    attempts: number;
    request_id: string | null;
    error_code: string | null;
    error_message: string | null;
    finished_at: Date | string | null;
  };
  return {
    items: (rows.rows as unknown as Row[]).map((r) => ({
      id: Number(r.id),
      taskId: r.task_id,
      family: r.family,
      domainName: r.domain_name,
      appName: r.app_name,
      streamName: r.stream_name,
      state: r.state,
      attempts: Number(r.attempts),
      requestId: r.request_id,
      errorCode: r.error_code,
      errorMessage: r.error_message,
      finishedAt: iso(r.finished_at),
    })),
    total: Number((total.rows[0] as { n: string | number }).n),
  };
}
