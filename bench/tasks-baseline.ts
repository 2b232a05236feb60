// The /tasks queries as they were before the task_list_indexes change (main at 299d0d5, lib/tasks/registry.ts and
// lib/bulk/selection.ts), kept here only so bench:tasks can time them beside today's on the same seeded registry:
// the effective-state CASE alone in every filter, an exact count(*) of every match, and SELECT DISTINCT domains.
import { and, count, desc, eq, ilike, inArray, lt, sql, type SQL } from "drizzle-orm";
import { recordingTasks } from "@/lib/db/schema/tasks";
import type { Database } from "@/lib/db/types";
import type { BulkSelection } from "@/lib/bulk/selection";
import { STOPPABLE_STATES, type TaskFilters } from "@/lib/tasks/definitions";
import { effectiveStateSql } from "@/lib/tasks/registry";

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function stoppableSql(now: Date): SQL {
  return sql`${effectiveStateSql(now)} in (${sql.join(
    STOPPABLE_STATES.map((s) => sql`${s}`),
    sql`, `,
  )})`;
}

function taskFilterWhere(filters: TaskFilters, now: Date): SQL | undefined {
  const t = recordingTasks;
  const state = effectiveStateSql(now);
  const parts: (SQL | undefined)[] = [];
  if (filters.family) parts.push(eq(t.family, filters.family));
  if (filters.state) parts.push(sql`${state} = ${filters.state}`);
  if (filters.stream) parts.push(ilike(t.streamName, `%${escapeLike(filters.stream)}%`));
  if (filters.domain) parts.push(eq(t.domainName, filters.domain.toLowerCase()));
  if (filters.runningHours) {
    const since = new Date(now.getTime() - filters.runningHours * 3600_000);
    parts.push(sql`${state} in ('recording', 'stopping')`, lt(t.startTime, since));
  }
  return parts.length ? and(...parts) : undefined;
}

export async function baselineListTasks(
  db: Database,
  filters: TaskFilters,
  opts: { page: number; pageSize: number; now: Date },
): Promise<{ total: number; stoppable: number; firstIds: string }> {
  const { now, pageSize } = opts;
  const where = taskFilterWhere(filters, now);
  const [{ total, stoppable } = { total: 0, stoppable: 0 }] = await db
    .select({ total: count(), stoppable: sql<number>`(count(*) filter (where ${stoppableSql(now)}))::int` })
    .from(recordingTasks)
    .where(where);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(opts.page, 1), pageCount);
  const t = recordingTasks;
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
  return { total, stoppable, firstIds: rows.map((r) => r.row.taskId).join(",") };
}

export async function baselineResolveSelection(db: Database, sel: BulkSelection, max: number, now: Date) {
  const t = recordingTasks;
  const selectionWhere = (f: TaskFilters) => and(stoppableSql(now), taskFilterWhere(f, now))!;
  const where =
    sel.kind === "ids"
      ? and(inArray(t.taskId, [...new Set(sel.taskIds)]), selectionWhere({}))!
      : selectionWhere(sel.filters);
  const [{ n } = { n: 0 }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(t)
    .where(where);
  if (n > max) return { count: n, ids: 0 };
  const rows = await db
    .select({ taskId: t.taskId, family: t.family })
    .from(t)
    .where(where)
    .orderBy(sql`${t.startTime} asc nulls last`, t.taskId);
  return { count: n, ids: rows.length };
}

export async function baselineListTaskDomains(db: Database): Promise<string[]> {
  const rows = await db
    .selectDistinct({ d: recordingTasks.domainName })
    .from(recordingTasks)
    .orderBy(recordingTasks.domainName)
    .limit(200);
  return rows.map((r) => r.d);
}
