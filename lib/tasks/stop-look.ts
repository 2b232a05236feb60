import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/types";
import { recordingTasks, type RecordingTask } from "@/lib/db/schema/tasks";
import type { TaskState } from "./definitions";
import { effectiveStateSql } from "./registry";
import { STOP_CLAIM_LEASE_MS } from "./stop-claim";

/** What a single Stop learns about its task before deciding: the row, its state now, and whether it holds the claim. */
export interface StopLook {
  row: RecordingTask;
  effectiveState: TaskState;
  claimed: boolean;
}

/**
 * Reads the task and takes its Stop claim in one statement, where a Stop used to read the row, read its state and
 * then claim. The claim (the UPDATE in the CTE) is taken only when the Stop would go on to call Tencent anyway: the
 * stream typed is the row's, the task is not stopped by the clock or the registry, and no live claim holds it. So
 * exactly one of any number of simultaneous Stops gets `claimed`, as with claimStop; the others join it.
 * The row returned is the one before the claim, as the separate read before the claim was.
 */
export async function lookAndClaimStop(
  db: Database,
  input: { taskId: string; streamName: string },
  now: Date,
): Promise<StopLook | null> {
  const t = recordingTasks;
  const leaseStart = new Date(now.getTime() - STOP_CLAIM_LEASE_MS);
  const claim = db.$with("stop_claim").as(
    db
      .update(t)
      .set({ stoppingSince: now, updatedAt: now })
      .where(
        and(
          eq(t.taskId, input.taskId),
          eq(t.streamName, input.streamName),
          sql`${t.state} <> 'stopped'`,
          or(isNull(t.stoppingSince), lt(t.stoppingSince, leaseStart)),
          sql`${effectiveStateSql(now)} <> 'stopped'`,
        ),
      )
      .returning({ taskId: t.taskId }),
  );
  const [found] = await db
    .with(claim)
    .select({
      row: t,
      effectiveState: effectiveStateSql(now),
      claimed: sql<boolean>`exists (select 1 from ${claim})`,
    })
    .from(t)
    .where(eq(t.taskId, input.taskId));
  return found ?? null;
}
