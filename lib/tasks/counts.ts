import { and, count, inArray } from "drizzle-orm";
import type { Database } from "@/lib/db/types";
import { recordingTasks } from "@/lib/db/schema/tasks";

/** States in which a registry task is still recording on Tencent's side. */
export const RUNNING_TASK_STATES = ["recording", "stopping"] as const;

export interface RunningTaskCount {
  domainName: string;
  appName: string;
  streamName: string;
  running: number;
}

/**
 * Running registry tasks grouped by stream. `streamNames` narrows the query to the streams a page shows.
 * Tasks registered by stream name alone have domainName "": callers decide how loosely to match them.
 */
export async function countRunningTasksByStream(db: Database, streamNames?: readonly string[]): Promise<RunningTaskCount[]> {
  if (streamNames && streamNames.length === 0) return [];
  const t = recordingTasks;
  const running = inArray(t.state, [...RUNNING_TASK_STATES]);
  const rows = await db
    .select({ domainName: t.domainName, appName: t.appName, streamName: t.streamName, running: count() })
    .from(t)
    .where(streamNames ? and(running, inArray(t.streamName, [...streamNames])) : running)
    .groupBy(t.domainName, t.appName, t.streamName);
  return rows.map((r) => ({ ...r, running: Number(r.running) }));
}
