import type { Database } from "@/lib/db/types";
import type { RecordingTask } from "@/lib/db/schema/tasks";
import { getTaskRow } from "./registry";

/** What became of the Stop that held a task's claim, as seen by a Stop that lost the claim to it. */
export type OtherStopOutcome =
  | { kind: "stopped"; row: RecordingTask }
  | { kind: "failed"; code: string; message: string; requestId?: string }
  /** The claim ended without an outcome this Stop can share (given back unsent, or the row is gone). */
  | { kind: "released" }
  | { kind: "timeout" };

/**
 * Waits for the claim holder's outcome by polling the row: single Stops and bulk items coalesce onto each
 * other this way, so whichever arrives second answers with the first one's RequestId or error instead of
 * calling Tencent again. The holder writes its outcome and ends the claim in one statement.
 */
export async function awaitOtherStop(
  db: Database,
  taskId: string,
  attemptAt: Date,
  opts: { waitMs: number; pollMs: number },
): Promise<OtherStopOutcome> {
  const deadline = Date.now() + opts.waitMs;
  for (;;) {
    const row = await getTaskRow(db, taskId);
    if (!row) return { kind: "released" };
    if (!row.stoppingSince) {
      if (row.state === "stopped") return { kind: "stopped", row };
      // The claim holder was still holding it when we tried, so its outcome is stamped after attemptAt.
      if (row.lastAction === "stop" && row.lastOk === "error" && row.lastActionAt && row.lastActionAt >= attemptAt) {
        return {
          kind: "failed",
          code: row.lastErrorCode ?? "InternalError",
          message: row.lastErrorMessage ?? "",
          requestId: row.lastRequestId ?? undefined,
        };
      }
      return { kind: "released" };
    }
    if (Date.now() >= deadline) return { kind: "timeout" };
    await new Promise((r) => setTimeout(r, opts.pollMs));
  }
}
