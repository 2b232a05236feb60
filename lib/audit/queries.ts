import { and, asc, desc, eq, gt, gte, ilike, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/lib/db/types";
import { auditRecords, type AuditRecord } from "@/lib/db/schema/audit";
import type { AuditPage, AuditRowView } from "./definitions";
import type { AuditCursor, AuditFilters } from "./filters";
import { SHARED_DATABASE_GRACE_MS } from "./recovery";

export const AUDIT_PAGE_SIZE = 50;

/**
 * `at` rises with `id`, which the planner does not know: for `at BETWEEN … ORDER BY id DESC LIMIT 50` it walks the
 * primary key backwards from the newest record, filtering, and a one-day range a year ago costs a scan of most of
 * the table. When the range is narrow (at most this many records, counted cheaply on the (at, id) index), the
 * page is instead read through the time index and sorted — exact either way, only the plan differs.
 */
const NARROW_RANGE_ROWS = 10_000;

/**
 * Every listing is keyset-paged on the primary key (`id < cursor ORDER BY id DESC LIMIT n`), never OFFSET:
 * page 20 000 costs the same as page 1. Equality filters have an (column, id) index each, so the filtered
 * scan is ordered too; the reason search (ILIKE) walks the id index backwards until a page is full.
 */
export function auditWhere(filters: AuditFilters, extra: (SQL | undefined)[] = []): SQL | undefined {
  const t = auditRecords;
  return and(
    filters.from ? gte(t.at, filters.from) : undefined,
    filters.to ? lte(t.at, filters.to) : undefined,
    filters.actor ? eq(t.actorEmail, filters.actor) : undefined,
    filters.action ? eq(t.action, filters.action) : undefined,
    filters.outcome ? eq(t.outcome, filters.outcome) : undefined,
    filters.stream ? eq(t.streamName, filters.stream) : undefined,
    filters.taskId ? taskIdMatches(filters.taskId) : undefined,
    filters.jobId ? eq(t.jobId, filters.jobId) : undefined,
    filters.q ? ilike(t.reason, `%${escapeLike(filters.q)}%`) : undefined,
    ...extra,
  );
}

/**
 * Records about one TaskId: its target, or, for a start, the TaskId Tencent returned (written with the outcome,
 * since the intent is committed before the TaskId exists). Both sides have their own (…, id) index.
 */
function taskIdMatches(taskId: string): SQL {
  const t = auditRecords;
  return or(
    eq(t.taskId, taskId),
    and(eq(t.action, "task.start"), sql`(${t.outcomeDetails} ->> 'taskId') = ${taskId}`),
  )!;
}

/** The TaskId a record is about (see taskIdMatches). */
function taskIdOf(r: AuditRecord): string | null {
  if (r.taskId) return r.taskId;
  const started = r.action === "task.start" ? (r.outcomeDetails as { taskId?: unknown } | null)?.taskId : undefined;
  return typeof started === "string" ? started : null;
}

/** One page, newest first. */
export async function listAuditRecords(
  db: Database,
  filters: AuditFilters,
  cursor: AuditCursor = {},
  pageSize = AUDIT_PAGE_SIZE,
): Promise<AuditPage> {
  const t = auditRecords;
  const goingNewer = cursor.after !== undefined && cursor.before === undefined;
  const bound = goingNewer
    ? gt(t.id, cursor.after!)
    : cursor.before !== undefined
      ? lt(t.id, cursor.before)
      : undefined;
  const viaTimeIndex = await isNarrowTimeRange(db, filters);
  // "id + 0" is not the primary key to the planner, so it cannot choose the backward primary-key walk.
  const order = viaTimeIndex ? sql`${t.id} + 0` : sql`${t.id}`;
  const fetched = await db
    .select()
    .from(t)
    .where(auditWhere(filters, [bound]))
    .orderBy(goingNewer ? asc(order) : desc(order))
    .limit(pageSize + 1);
  const more = fetched.length > pageSize;
  const rows = fetched.slice(0, pageSize);
  if (goingNewer) rows.reverse();
  const first = rows[0]?.id;
  const last = rows[rows.length - 1]?.id;
  const hasOlder = goingNewer ? true : more;
  const hasNewer = goingNewer ? more : cursor.before !== undefined;
  return {
    rows: rows.map(toView),
    olderCursor: hasOlder && last !== undefined ? last : undefined,
    newerCursor: hasNewer && first !== undefined ? first : undefined,
  };
}

async function isNarrowTimeRange(db: Database, filters: AuditFilters): Promise<boolean> {
  if (!filters.from && !filters.to) return false;
  const t = auditRecords;
  const inRange = and(
    filters.from ? gte(t.at, filters.from) : undefined,
    filters.to ? lte(t.at, filters.to) : undefined,
  );
  const probe = db
    .select({ one: sql`1` })
    .from(t)
    .where(inRange)
    .limit(NARROW_RANGE_ROWS + 1)
    .as("probe");
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(probe);
  return Number(row?.n ?? 0) <= NARROW_RANGE_ROWS;
}

/**
 * Records that need a person: intents marked `unknown` after a crash, and intents still pending after the
 * grace period (their instance died and no start-up has swept them yet). Newest first, bounded.
 */
export async function listFollowUp(db: Database, limit = 20, now = new Date()): Promise<AuditRowView[]> {
  const t = auditRecords;
  const rows = await db
    .select()
    .from(t)
    .where(
      or(
        eq(t.outcome, "unknown"),
        and(eq(t.outcome, "pending"), lt(t.at, new Date(now.getTime() - SHARED_DATABASE_GRACE_MS))),
      ),
    )
    .orderBy(desc(t.id))
    .limit(limit);
  return rows.map(toView);
}

/** Streams every matching record, newest first, in keyset batches: memory stays flat at any size. */
export async function* iterateAuditRecords(
  db: Database,
  filters: AuditFilters,
  batchSize = 1_000,
): AsyncGenerator<AuditRecord[]> {
  let before: number | undefined;
  for (;;) {
    const batch = await db
      .select()
      .from(auditRecords)
      .where(auditWhere(filters, [before === undefined ? undefined : lt(auditRecords.id, before)]))
      .orderBy(desc(auditRecords.id))
      .limit(batchSize);
    if (batch.length > 0) yield batch;
    if (batch.length < batchSize) return;
    before = batch[batch.length - 1]!.id;
  }
}

/** A few records by id, for tests and for linking from elsewhere. */
export function toView(r: AuditRecord): AuditRowView {
  return {
    id: r.id,
    at: r.at.toISOString(),
    finishedAt: r.finishedAt ? r.finishedAt.toISOString() : null,
    actorEmail: r.actorEmail,
    actorRole: r.actorRole,
    action: r.action,
    domainName: r.domainName,
    appName: r.appName,
    streamName: r.streamName,
    taskId: taskIdOf(r),
    jobId: r.jobId,
    reason: r.reason,
    outcome: r.outcome,
    requestId: r.requestId,
    errorCode: r.errorCode,
    errorMessage: r.errorMessage,
    latencyMs: r.latencyMs,
    clientIp: r.clientIp,
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
