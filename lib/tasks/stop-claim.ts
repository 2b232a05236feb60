import { and, eq, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/types";
import { recordingTasks, type RecordingTask } from "@/lib/db/schema/tasks";
import { outcomeColumns, type ActionOutcome } from "./task-rows";

/** A Stop claim older than this is treated as abandoned (the process died mid-call) and may be taken over. */
export const STOP_CLAIM_LEASE_MS = 5 * 60_000;

/**
 * Takes the Stop claim: one conditional UPDATE, so of any number of simultaneous Stops exactly one gets the row
 * back and makes the upstream call. A claim older than the lease is considered abandoned.
 */
export async function claimStop(db: Database, taskId: string, now = new Date()): Promise<RecordingTask | null> {
  const t = recordingTasks;
  const leaseStart = new Date(now.getTime() - STOP_CLAIM_LEASE_MS);
  const [row] = await db
    .update(t)
    .set({ stoppingSince: now, updatedAt: now })
    .where(and(eq(t.taskId, taskId), sql`${t.state} <> 'stopped'`, or(isNull(t.stoppingSince), lt(t.stoppingSince, leaseStart))))
    .returning();
  return row ?? null;
}

/** Ends the claim taken at `claimedAt` (and only that one, should a takeover have happened) with its outcome. */
export async function releaseStop(
  db: Database,
  taskId: string,
  claimedAt: Date,
  set: Partial<Pick<RecordingTask, "state" | "stoppedAt">> & { outcome?: ActionOutcome },
): Promise<void> {
  const { outcome, ...rest } = set;
  const t = recordingTasks;
  await db
    .update(t)
    .set({ stoppingSince: null, ...(outcome ? outcomeColumns(outcome) : { updatedAt: new Date() }), ...rest })
    .where(and(eq(t.taskId, taskId), eq(t.stoppingSince, claimedAt)));
}

/**
 * Crash recovery: claims taken before `before` belong to a process that died mid-call. The row leaves
 * "stopping" and says the outcome is unknown, so the next person knows to press Stop again (which is safe).
 */
export async function releaseOrphanedStopClaims(db: Database, before: Date): Promise<number> {
  const t = recordingTasks;
  const rows = await db
    .update(t)
    .set({
      stoppingSince: null,
      ...outcomeColumns({ action: "stop", by: null, ok: false, errorCode: "RecDesk.Interrupted", errorMessage: "RecDesk restarted before Tencent Cloud answered." }),
    })
    .where(and(isNotNull(t.stoppingSince), lt(t.stoppingSince, before)))
    .returning({ taskId: t.taskId });
  return rows.length;
}
