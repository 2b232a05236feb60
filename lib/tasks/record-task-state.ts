import { sql, type SQL } from "drizzle-orm";
import { recordingTasks, type RecordingTask } from "@/lib/db/schema/tasks";
import type { TaskState } from "./definitions";
import { STOP_CLAIM_LEASE_MS } from "./stop-claim";

/*
 * A RecordTask's state. Tencent's DescribeRecordTask has no status field (§1.10a): the state follows from
 * StartTime, EndTime, Stopped and the clock — plus what RecDesk knows itself (a Stop in flight, a Stop or
 * Delete it made, a task gone from Tencent's list). In order, first match wins:
 *   a Stop in flight (within the claim lease)          → stopping
 *   deleted (by RecDesk, or gone from Tencent's list)   → deleted
 *   Tencent's Stopped seen, or RecDesk stopped it       → stopped
 *   a failure recorded (e.g. record_start_failed)       → failed
 *   EndTime passed                                      → stopped
 *   StartTime still ahead                               → scheduled
 *   otherwise                                           → recording
 * recordTaskState (JS) and recordTaskStateSql (list filters) are the same rule; a test checks they agree.
 */

export type RecordTaskStateRow = Pick<
  RecordingTask,
  "state" | "startTime" | "endTime" | "upstreamStoppedAt" | "deletedAt" | "stoppingSince"
>;

export function recordTaskState(row: RecordTaskStateRow, now: Date): TaskState {
  const t = now.getTime();
  if (row.stoppingSince && row.stoppingSince.getTime() > t - STOP_CLAIM_LEASE_MS) return "stopping";
  if (row.deletedAt) return "deleted";
  if (row.upstreamStoppedAt || row.state === "stopped") return "stopped";
  if (row.state === "failed") return "failed";
  if (!row.endTime) return "unknown";
  if (row.endTime.getTime() <= t) return "stopped";
  if (row.startTime && row.startTime.getTime() > t) return "scheduled";
  return "recording";
}

export function recordTaskStateSql(now: Date): SQL<TaskState> {
  const t = recordingTasks;
  const leaseStart = new Date(now.getTime() - STOP_CLAIM_LEASE_MS);
  return sql<TaskState>`case
    when ${t.stoppingSince} is not null and ${t.stoppingSince} > ${leaseStart} then 'stopping'
    when ${t.deletedAt} is not null then 'deleted'
    when ${t.upstreamStoppedAt} is not null or ${t.state} = 'stopped' then 'stopped'
    when ${t.state} = 'failed' then 'failed'
    when ${t.endTime} is null then 'unknown'
    when ${t.endTime} <= ${now} then 'stopped'
    when ${t.startTime} is not null and ${t.startTime} > ${now} then 'scheduled'
    else 'recording' end`;
}
