import { and, eq, ilike, inArray, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { recordingTasks } from "@/lib/db/schema/tasks";
import type { Database } from "@/lib/db/types";
import { STOPPABLE_STATES, TASK_STATES, type TaskFilters } from "@/lib/tasks/definitions";
import { effectiveStateSql } from "@/lib/tasks/registry";
import type { BulkTarget } from "./types";

/**
 * What the person selected on /tasks. "filter" is resolved here on the server against the whole registry,
 * not the visible page; the runaway preset is the filter's runningHours.
 */
export const BulkSelectionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("ids"), taskIds: z.array(z.string().max(40)).min(1, "Select at least one task.").max(100_000) }),
  z.object({
    kind: z.literal("filter"),
    filters: z.object({
      state: z.enum(TASK_STATES).optional(),
      stream: z.string().trim().max(256).optional(),
      domain: z.string().trim().max(253).optional(),
      runningHours: z.number().int().min(1).max(24 * 365).optional(),
    }),
  }),
]);
export type BulkSelection = z.infer<typeof BulkSelectionSchema>;

export interface ResolvedSelection {
  /** Stoppable tasks the selection matches (at most max + 1 are loaded: enough to refuse an oversized batch). */
  targets: BulkTarget[];
  count: number;
  tooMany: boolean;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

// Same semantics as the /tasks list (lib/tasks/registry.ts), limited to tasks a Stop makes sense for.
function filterWhere(f: TaskFilters, now: Date): SQL {
  const t = recordingTasks;
  const state = effectiveStateSql(now);
  const parts: SQL[] = [sql`${state} in (${sql.join(STOPPABLE_STATES.map((s) => sql`${s}`), sql`, `)})`];
  if (f.state) parts.push(sql`${state} = ${f.state}`);
  if (f.stream) parts.push(ilike(t.streamName, `%${escapeLike(f.stream)}%`));
  if (f.domain) parts.push(eq(t.domainName, f.domain.toLowerCase()));
  if (f.runningHours) {
    parts.push(sql`${state} = 'recording'`, lt(t.startTime, new Date(now.getTime() - f.runningHours * 3600_000)));
  }
  return and(...parts)!;
}

export async function resolveSelection(db: Database, sel: BulkSelection, max: number, now = new Date()): Promise<ResolvedSelection> {
  const t = recordingTasks;
  const where = sel.kind === "ids" ? and(inArray(t.taskId, [...new Set(sel.taskIds)]), filterWhere({}, now))! : filterWhere(sel.filters, now);
  const [{ n } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(t).where(where);
  if (n > max) return { targets: [], count: n, tooMany: true };
  const rows = await db
    .select({ taskId: t.taskId, streamName: t.streamName, appName: t.appName, domainName: t.domainName })
    .from(t)
    .where(where)
    .orderBy(sql`${t.startTime} asc nulls last`, t.taskId);
  return { targets: rows, count: rows.length, tooMany: false };
}
