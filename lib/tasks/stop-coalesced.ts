import { recordAudit } from "@/lib/audit";
import type { Database } from "@/lib/db/types";
import type { RecordingTask } from "@/lib/db/schema/tasks";
import { explainTaskError } from "./local-errors";
import { awaitOtherStop } from "./stop-join";
import type { StopTaskDeps, StopTaskResult } from "./stop-types";
import { say } from "@/lib/validation/messages";

// A single Stop that makes no call of its own: another Stop holds the task's claim, or the task already stopped.
// Either way the answer is the other Stop's (same RequestId or error), and the audit record says upstreamCall:false.

export async function joinInFlightStop(
  db: Database,
  deps: StopTaskDeps,
  taskId: string,
  intent: Parameters<typeof recordAudit>[1],
  via: string,
  attemptAt: Date,
): Promise<StopTaskResult> {
  const other = await awaitOtherStop(db, taskId, attemptAt, {
    waitMs: deps.joinWaitMs ?? 30_000,
    pollMs: deps.pollMs ?? 150,
  });
  if (other.kind === "stopped") return answerFromRow(db, other.row, intent, { via, coalesced: true });
  const details = { via, coalesced: true, upstreamCall: false };
  if (other.kind === "failed") {
    const { code, message, requestId } = other;
    await recordAudit(
      db,
      { ...intent, details },
      { outcome: "error", requestId, errorCode: code, errorMessage: message },
    );
    return { ok: false, code, message, requestId, explanation: explainTaskError(code, message) };
  }
  const code = "RecDesk.StopInProgress";
  const message = say("actions.tasks.stopNotReported");
  await recordAudit(db, { ...intent, details }, { outcome: "unknown", errorCode: code, errorMessage: message });
  return { ok: false, code, message, explanation: explainTaskError(code) };
}

/** The task is stopped: answer with the Stop that did it (its RequestId, if RecDesk made that call). */
export async function answerFromRow(
  db: Database,
  row: RecordingTask,
  intent: Parameters<typeof recordAudit>[1],
  how: { via: string; coalesced?: boolean; alreadyStopped?: boolean },
): Promise<StopTaskResult> {
  const byStop = row.lastAction === "stop" && row.lastOk === "ok";
  const requestId = byStop ? (row.lastRequestId ?? undefined) : undefined;
  const details = {
    via: how.via,
    upstreamCall: false,
    coalesced: how.coalesced || undefined,
    alreadyStopped: how.alreadyStopped || undefined,
  };
  await recordAudit(db, { ...intent, details }, { outcome: "ok", requestId });
  return {
    ok: true,
    requestId,
    taskId: row.taskId,
    streamName: row.streamName,
    state: "stopped",
    coalesced: how.coalesced,
    alreadyStopped: how.alreadyStopped,
  };
}
