import { sql, type SQL } from "drizzle-orm";
import type { Database } from "@/lib/db/types";
import { claimStops, releaseStops, type HeldClaim } from "@/lib/tasks/stop-claim";
import { awaitOtherStop } from "@/lib/tasks/stop-join";
import type { LiveResult } from "@/lib/tencent-live/types";
import type { ClaimedItem } from "./queue";

/**
 * How a claimed item stands with its task's Stop claim (the one single Stops take, lib/tasks/stop-claim.ts):
 * held by this item, busy (another Stop holds it: wait for its answer), or unregistered (RecDesk has no row for
 * the task, so nothing to claim, and the item is sent as before).
 */
export type TaskClaim = "held" | "busy" | "unregistered";

const STOP_IN_PROGRESS_CODE = "RecDesk.StopInProgress";

/** The item's claim on its task is taken under the item's own claimed_at, so recovery can find and end it. */
function claimOf(item: ClaimedItem): HeldClaim {
  return { taskId: item.taskId, claimedAt: item.claimedAt };
}

/** The task claims for a whole batch in one statement. */
export async function claimTasksOf(db: Database, items: ClaimedItem[]): Promise<Map<number, TaskClaim>> {
  // Two jobs in one batch may name the same task: the first item holds the claim, the others wait on it.
  const first = new Map<string, ClaimedItem>();
  for (const item of items) if (!first.has(item.taskId)) first.set(item.taskId, item);
  const { claimed, known } = await claimStops(db, [...first.values()].map(claimOf));
  const state = (item: ClaimedItem): TaskClaim => {
    if (!known.has(item.taskId)) return "unregistered";
    return claimed.has(item.taskId) && first.get(item.taskId) === item ? "held" : "busy";
  };
  return new Map(items.map((item) => [item.id, state(item)]));
}

/**
 * An item whose task another Stop holds: waits for that Stop's answer and shares it (same RequestId or error,
 * no call of its own). If the other Stop lets go without an answer to share, the item takes the claim and
 * is sent after all ("claimed"); if it is still waiting after `waitMs`, the item fails with
 * RecDesk.StopInProgress (a retry of the job's failed items sends it again).
 */
export async function joinOtherStop(
  db: Database,
  item: ClaimedItem,
  attemptAt: Date,
  opts: { waitMs: number; pollMs: number },
): Promise<{ kind: "answer"; result: LiveResult<unknown> } | { kind: "claimed" }> {
  const started = Date.now();
  const deadline = started + opts.waitMs;
  for (;;) {
    const other = await awaitOtherStop(db, item.taskId, attemptAt, {
      waitMs: Math.max(0, deadline - Date.now()),
      pollMs: opts.pollMs,
    });
    const latencyMs = Date.now() - started;
    if (
      other.kind === "stopped" &&
      other.row.lastAction === "stop" &&
      other.row.lastOk === "ok" &&
      other.row.lastRequestId
    ) {
      return {
        kind: "answer",
        result: { ok: true, requestId: other.row.lastRequestId, data: {}, attempts: 0, latencyMs },
      };
    }
    if (other.kind === "failed") {
      return {
        kind: "answer",
        result: {
          ok: false,
          code: other.code,
          message: other.message,
          requestId: other.requestId,
          kind: "api",
          attempts: 0,
          latencyMs,
        },
      };
    }
    if (other.kind === "timeout") {
      const message = "Another Stop of this task has not reported an outcome yet; this item did not send its own.";
      return {
        kind: "answer",
        result: { ok: false, code: STOP_IN_PROGRESS_CODE, message, kind: "timeout", attempts: 0, latencyMs },
      };
    }
    const { claimed, known } = await claimStops(db, [claimOf(item)]);
    if (claimed.has(item.taskId) || !known.has(item.taskId)) return { kind: "claimed" };
  }
}

/** Ends the task claims these items hold, without an outcome (not sent, or answered to another holder). */
export async function releaseTasksOf(db: Database, items: ClaimedItem[]): Promise<void> {
  await releaseStops(db, items.map(claimOf));
}

/**
 * Recovery: the task claims of `sending` items matching `which` (on alias i) end before the items go back to
 * the queue or take their outcome from the audit log, so no task stays "stopping" behind a dead worker.
 */
export async function releaseTasksOfOrphans(db: Database, which: SQL): Promise<void> {
  await db.execute(sql`
    update recording_tasks t set stopping_since = null, updated_at = now()
    from bulk_items i
    where i.state = 'sending' and ${which} and t.task_id = i.task_id and t.stopping_since = i.claimed_at`);
}
