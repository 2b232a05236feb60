import type { Database } from "@/lib/db/types";
import { recordTaskAction, recordTaskActions } from "@/lib/tasks/task-rows";

export interface StopOutcome {
  taskId: string;
  ok: boolean;
  requestId?: string;
  errorCode?: string;
  errorMessage?: string;
  by: string;
  /** The task's Stop claim this outcome ends (the item's claimedAt), when the item held it. */
  claimedAt?: string;
}

/**
 * Writes a bulk item's Stop outcome onto the task's registry row through the tasks module, so /tasks shows
 * the task stopped with the RequestId of the call that stopped it. A failed Stop leaves the state alone.
 */
export async function recordStopOnTask(db: Database, o: StopOutcome): Promise<void> {
  await recordTaskAction(
    db,
    o.taskId,
    {
      action: "stop",
      by: o.by,
      ok: o.ok,
      requestId: o.requestId,
      errorCode: o.errorCode,
      errorMessage: o.errorMessage,
    },
    o.ok ? { state: "stopped", stoppedAt: new Date() } : {},
  );
}

/** The same for a batch of outcomes, in one statement. */
export async function recordStopsOnTasks(db: Database, outcomes: StopOutcome[]): Promise<void> {
  await recordTaskActions(
    db,
    outcomes.map((o) => ({
      taskId: o.taskId,
      outcome: {
        action: "stop",
        by: o.by,
        ok: o.ok,
        requestId: o.requestId,
        errorCode: o.errorCode,
        errorMessage: o.errorMessage,
      },
      stopped: o.ok,
      claimedAt: o.claimedAt,
    })),
  );
}
