import { and, inArray, sql, type SQL } from "drizzle-orm";
import { recordingTasks } from "@/lib/db/schema/tasks";
import type { Database } from "@/lib/db/types";
import type { TaskFilters } from "@/lib/tasks/definitions";
import { BulkSelectionSchema, type BulkSelection } from "./selection-types";
import { stoppableSql, taskFilterWhere } from "@/lib/tasks/registry";
import type { BulkTarget } from "./types";

export { BulkSelectionSchema, type BulkSelection };

export interface ResolvedSelection {
  /** Stoppable tasks the selection matches; empty when there are more than max (the count alone refuses the batch). */
  targets: BulkTarget[];
  count: number;
  tooMany: boolean;
}

// The /tasks list's own filter, narrowed to the tasks a Stop makes sense for.
function selectionWhere(f: TaskFilters, now: Date): SQL {
  return and(stoppableSql(now), taskFilterWhere(f, now))!;
}

export async function resolveSelection(
  db: Database,
  sel: BulkSelection,
  max: number,
  now = new Date(),
): Promise<ResolvedSelection> {
  const t = recordingTasks;
  const where =
    sel.kind === "ids"
      ? and(inArray(t.taskId, [...new Set(sel.taskIds)]), selectionWhere({}, now))!
      : selectionWhere(sel.filters, now);
  const [{ n } = { n: 0 }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(t)
    .where(where);
  if (n > max) return { targets: [], count: n, tooMany: true };
  const rows = await db
    .select({
      taskId: t.taskId,
      family: t.family,
      streamName: t.streamName,
      appName: t.appName,
      domainName: t.domainName,
    })
    .from(t)
    .where(where)
    .orderBy(sql`${t.startTime} asc nulls last`, t.taskId);
  return { targets: rows, count: rows.length, tooMany: false };
}
