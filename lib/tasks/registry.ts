import { and, count, desc, eq, ilike, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/lib/db/types";
import { recordingTasks, type RecordingTask } from "@/lib/db/schema/tasks";
import { STOPPABLE_STATES, type TaskFilters, type TaskPage, type TaskState, type TaskView } from "./definitions";
import { recordTaskStateSql } from "./record-task-state";
import { STOP_CLAIM_LEASE_MS } from "./stop-claim";

/**
 * The state as of `now`. The stored state only changes when RecDesk acts; Tencent moves a task on by itself
 * (a scheduled task starts recording at StartTime and ends at EndTime), and an in-flight Stop shows as
 * "stopping" — the OvenMediaEngine-style transition — without overwriting the state it must fall back to if
 * the call fails.
 */
export function effectiveStateSql(now: Date): SQL<TaskState> {
  const t = recordingTasks;
  const leaseStart = new Date(now.getTime() - STOP_CLAIM_LEASE_MS);
  // A RecordTask's state follows from Tencent's times and Stopped (lib/tasks/record-task-state.ts).
  return sql<TaskState>`case
    when ${t.family} = 'recordTask' then (${recordTaskStateSql(now)})
    when ${t.stoppingSince} is not null and ${t.stoppingSince} > ${leaseStart} then 'stopping'
    when ${t.deletedAt} is not null then 'deleted'
    when ${t.state} in ('scheduled', 'recording') and ${t.endTime} is not null and ${t.endTime} <= ${now} then 'stopped'
    when ${t.state} = 'scheduled' and ${t.startTime} is not null and ${t.startTime} <= ${now} then 'recording'
    else ${t.state} end`;
}

export function toTaskView(row: RecordingTask & { effectiveState?: TaskState }): TaskView {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    taskId: row.taskId,
    family: row.family,
    templateId: row.templateId ?? null,
    deletedAt: iso(row.deletedAt),
    domainName: row.domainName,
    appName: row.appName,
    streamName: row.streamName,
    state: row.effectiveState ?? row.state,
    mode: row.mode ?? null,
    fileFormat: row.fileFormat,
    recordType: row.recordType,
    startTime: iso(row.startTime),
    endTime: iso(row.endTime),
    source: row.source,
    createdByEmail: row.createdByEmail,
    createdAt: row.createdAt.toISOString(),
    stoppedAt: iso(row.stoppedAt),
    lastAction: row.lastAction,
    lastActionAt: iso(row.lastActionAt),
    lastActionBy: row.lastActionBy,
    lastOk: row.lastOk ?? null,
    lastRequestId: row.lastRequestId,
    lastErrorCode: row.lastErrorCode,
    lastErrorMessage: row.lastErrorMessage,
  };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/*
 * Index-friendly companions of the state rule. effectiveStateSql is a CASE over the clock, which no index serves:
 * with a year of tasks (a million rows, almost all stopped) a filter on it alone reads every row. Each helper below
 * is a necessary condition for the states it names, written in terms an index can serve (the partial index
 * recording_tasks_open_end holds only rows not stored as stopped, failed or deleted; the others are small). A filter
 * ANDs it beside the CASE, which stays the rule: the condition only narrows what the CASE is evaluated on.
 * Literals (not parameters) in the partial predicate, so the planner can prove the partial index applies.
 */
function openCandidateSql(now: Date): SQL {
  const t = recordingTasks;
  // scheduled, recording, unknown: not deleted, not stored as stopped or failed, and not past its end — except a
  // legacy "unknown", which stays unknown whatever its times.
  return sql`(${t.deletedAt} is null and ${t.state} not in ('stopped', 'failed') and (${t.endTime} is null or ${t.endTime} > ${now} or (${t.family} = 'legacy' and ${t.state} = 'unknown')))`;
}

function stateCandidateSql(states: readonly TaskState[], now: Date): SQL | undefined {
  const t = recordingTasks;
  const leaseStart = new Date(now.getTime() - STOP_CLAIM_LEASE_MS);
  const arms: SQL[] = [];
  if (states.some((s) => s === "scheduled" || s === "recording" || s === "unknown")) arms.push(openCandidateSql(now));
  if (states.includes("stopping")) arms.push(sql`(${t.stoppingSince} > ${leaseStart} or ${t.state} = 'stopping')`);
  if (states.includes("failed")) arms.push(sql`${t.state} = 'failed'`);
  if (states.includes("deleted")) arms.push(sql`(${t.deletedAt} is not null or ${t.state} = 'deleted')`);
  // "stopped" is most of the registry: no condition narrows it usefully, so it is left to the CASE alone.
  if (states.includes("stopped")) return undefined;
  return arms.length ? sql`(${sql.join(arms, sql` or `)})` : undefined;
}

/** Tasks a Stop makes sense for, as of `now` (the bulk selection and the list's "select all" count). */
export function stoppableSql(now: Date): SQL {
  return and(
    sql`${effectiveStateSql(now)} in (${sql.join(
      STOPPABLE_STATES.map((s) => sql`${s}`),
      sql`, `,
    )})`,
    stateCandidateSql(STOPPABLE_STATES, now),
  )!;
}

/** The /tasks filters as SQL; bulk selection (lib/bulk/selection.ts) resolves "all matching" with the same. */
export function taskFilterWhere(filters: TaskFilters, now: Date): SQL | undefined {
  const t = recordingTasks;
  const state = effectiveStateSql(now);
  const parts: (SQL | undefined)[] = [];
  if (filters.family) parts.push(eq(t.family, filters.family));
  if (filters.state) parts.push(sql`${state} = ${filters.state}`, stateCandidateSql([filters.state], now));
  if (filters.stream) parts.push(ilike(t.streamName, `%${escapeLike(filters.stream)}%`));
  if (filters.domain) parts.push(eq(t.domainName, filters.domain.toLowerCase()));
  if (filters.runningHours) {
    const since = new Date(now.getTime() - filters.runningHours * 3600_000);
    parts.push(
      sql`${state} in ('recording', 'stopping')`,
      stateCandidateSql(["recording", "stopping"], now),
      lt(t.startTime, since),
    );
  }
  return parts.length ? and(...parts) : undefined;
}

/**
 * The list counts exactly up to this many matches, then says "more than": an exact count of a million stopped
 * tasks reads a million rows on every visit, and nobody pages that far. "Select all matching" counts what it would
 * stop exactly (TaskPage.stoppable, lib/bulk/selection.ts): those are the few open tasks, which an index finds.
 */
export const TASK_COUNT_CAP = 10_000;

/** One page of the registry, newest first (longest-running first under the "running longer than" preset). */
export async function listTasks(
  db: Database,
  filters: TaskFilters = {},
  opts: { page?: number; pageSize?: number; now?: Date } = {},
): Promise<TaskPage> {
  const now = opts.now ?? new Date();
  const pageSize = Math.min(Math.max(opts.pageSize ?? 25, 1), 200);
  const where = taskFilterWhere(filters, now);
  const t = recordingTasks;
  // Counted through a LIMIT: at most TASK_COUNT_CAP + 1 rows read, however big the registry.
  const [{ n: matched } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(
    db
      .select({ one: sql`1`.as("one") })
      .from(t)
      .where(where)
      .limit(TASK_COUNT_CAP + 1)
      .as("capped"),
  );
  const [{ stoppable } = { stoppable: 0 }] = await db
    .select({ stoppable: sql<number>`count(*)::int` })
    .from(t)
    .where(and(stoppableSql(now), where));
  const totalExact = matched <= TASK_COUNT_CAP;
  const total = Math.min(matched, TASK_COUNT_CAP);
  const knownPages = Math.max(1, Math.ceil(total / pageSize));
  // Past the counted rows the pages go on (Next stays offered while a page comes back full).
  const page = totalExact ? Math.min(Math.max(opts.page ?? 1, 1), knownPages) : Math.max(opts.page ?? 1, 1);
  const order = filters.runningHours
    ? [sql`${t.startTime} asc nulls last`, t.taskId]
    : [desc(t.createdAt), sql`${t.startTime} desc nulls last`, t.taskId];
  const rows = await db
    .select({ row: t, effectiveState: effectiveStateSql(now) })
    .from(t)
    .where(where)
    .orderBy(...order)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const pageCount = totalExact ? knownPages : Math.max(knownPages, rows.length === pageSize ? page + 1 : page);
  return {
    rows: rows.map((r) => toTaskView({ ...r.row, effectiveState: r.effectiveState })),
    total,
    totalExact,
    stoppable,
    page,
    pageSize,
    pageCount,
  };
}

export async function getTask(db: Database, taskId: string, now = new Date()): Promise<TaskView | null> {
  const [r] = await db
    .select({ row: recordingTasks, effectiveState: effectiveStateSql(now) })
    .from(recordingTasks)
    .where(eq(recordingTasks.taskId, taskId));
  return r ? toTaskView({ ...r.row, effectiveState: r.effectiveState }) : null;
}

/**
 * A stream's tasks (for the stream detail page), newest first, including those registered without a domain
 * (the Streams list counts those for every domain the stream is live on, lib/streams/task-counts.ts).
 */
export async function listTasksForStream(
  db: Database,
  stream: { domainName: string; appName: string; streamName: string },
  now = new Date(),
): Promise<TaskView[]> {
  const t = recordingTasks;
  const rows = await db
    .select({ row: t, effectiveState: effectiveStateSql(now) })
    .from(t)
    .where(
      and(
        inArray(t.domainName, [stream.domainName.toLowerCase(), ""]),
        eq(t.appName, stream.appName),
        eq(t.streamName, stream.streamName),
      ),
    )
    .orderBy(desc(t.createdAt), t.taskId)
    .limit(500);
  return rows.map((r) => toTaskView({ ...r.row, effectiveState: r.effectiveState }));
}

/**
 * Tasks recording right now (including those with a Stop in flight), per stream, keyed
 * "domain/app/stream" — the count the Streams page shows.
 */
export async function countRunningTasksByStream(db: Database, now = new Date()): Promise<Map<string, number>> {
  const t = recordingTasks;
  const state = effectiveStateSql(now);
  const rows = await db
    .select({ domainName: t.domainName, appName: t.appName, streamName: t.streamName, n: count() })
    .from(t)
    .where(and(sql`${state} in ('recording', 'stopping')`, stateCandidateSql(["recording", "stopping"], now)))
    .groupBy(t.domainName, t.appName, t.streamName);
  return new Map(rows.map((r) => [streamKey(r.domainName, r.appName, r.streamName), r.n]));
}

export function streamKey(domainName: string, appName: string, streamName: string): string {
  return `${domainName}/${appName}/${streamName}`;
}

export async function getTaskRow(db: Database, taskId: string): Promise<RecordingTask | null> {
  const [row] = await db.select().from(recordingTasks).where(eq(recordingTasks.taskId, taskId));
  return row ?? null;
}

/**
 * The domains the registry knows, for the filter's choices. A skip scan over recording_tasks_stream (domain first):
 * one index probe per distinct domain, where SELECT DISTINCT would read every row of a big registry.
 */
export async function listTaskDomains(db: Database): Promise<string[]> {
  const rows = await db.execute<{ d: string }>(sql`
    with recursive domains(d) as (
      (select domain_name from recording_tasks order by domain_name limit 1)
      union all
      select (select r.domain_name from recording_tasks r where r.domain_name > domains.d order by r.domain_name limit 1)
      from domains where domains.d is not null
    )
    select d from domains where d is not null limit 200`);
  return rows.rows.map((r) => r.d);
}
