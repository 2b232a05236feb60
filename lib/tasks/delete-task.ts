import type { ActionResult } from "@/lib/action-result";
import { answerInvalid } from "@/lib/actions/invalid-reply";
import { beginAudit, finishAudit, recordAudit } from "@/lib/audit";
import type { Database } from "@/lib/db/types";
import type { RecordingTask } from "@/lib/db/schema/tasks";
import type { LiveClient } from "@/lib/tencent-live/client";
import { clientUnavailable } from "@/lib/tencent-live/response";
import type { LiveResult } from "@/lib/tencent-live/types";
import { intentBase, type TaskActionContext } from "./actor";
import type { TaskState } from "./definitions";
import { invalidDelete } from "./invalid-input";
import { explainTaskError } from "./local-errors";
import { getTask, getTaskRow } from "./registry";
import { DeleteTaskInputSchema } from "./schemas";
import { recordTaskAction } from "./task-rows";
import { say } from "@/lib/validation/messages";

/*
 * Delete (on-call and admin), audited with a reason: intent before the call, outcome after, as a Stop.
 *   legacy:     DeleteLiveRecord removes Tencent's record of the task. Tencent refuses it while the task records
 *               (FailedOperation.AlterTaskState), so RecDesk refuses first when its registry says so; Tencent's
 *               own refusal, when the registry did not know, is explained the same way.
 *   RecordTask: DeleteRecordTask removes the task's configuration. It does NOT stop a recording in progress
 *               (only future pushes are affected); the confirmation dialog says so.
 * Neither is retried by the person blindly: a failure shows its code explained. The row stays in the registry
 * with deleted_at set, so its history (and the audit trail's link) survives.
 */

export interface DeleteTaskDeps {
  getClient: () => Promise<LiveClient>;
}

export type DeleteTaskResult = ActionResult<{ taskId: string; streamName: string; family: RecordingTask["family"] }>;

/** States in which Tencent refuses DeleteLiveRecord: the task would have to change state under a running recording. */
const LEGACY_BUSY: readonly TaskState[] = ["recording", "stopping"];

export async function deleteTask(
  db: Database,
  deps: DeleteTaskDeps,
  raw: Record<string, unknown>,
  ctx: TaskActionContext,
): Promise<DeleteTaskResult> {
  const base = intentBase(ctx);
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === "string") values[k] = v;
  const parsed = DeleteTaskInputSchema.safeParse(raw);
  if (!parsed.success) return answerInvalid(db, base, "task.delete", invalidDelete(parsed.error, values));
  const input = parsed.data;

  const refuse = async (code: string, message: string): Promise<DeleteTaskResult> => {
    await recordAudit(
      db,
      {
        ...base,
        action: "task.delete",
        target: { taskId: input.taskId, streamName: input.streamName },
        reason: input.reason,
      },
      { outcome: "invalid", errorCode: code, errorMessage: message },
    );
    return { ok: false, code, message, values, explanation: explainTaskError(code) };
  };

  const row = await getTaskRow(db, input.taskId);
  if (!row) return refuse("RecDesk.TaskNotRegistered", say("actions.tasks.noTask", { taskId: input.taskId }));
  if (row.streamName !== input.streamName) {
    return refuse(
      "RecDesk.StreamMismatch",
      say("actions.tasks.streamMismatch", { taskId: input.taskId, known: row.streamName, typed: input.streamName }),
    );
  }
  const view = await getTask(db, input.taskId);
  if (row.family === "legacy" && view && LEGACY_BUSY.includes(view.state)) {
    return refuse(
      "RecDesk.DeleteWhileRecording",
      say("actions.tasks.deleteWhileRecording", { taskId: input.taskId, state: view.state }),
    );
  }

  const target = {
    domainName: row.domainName || undefined,
    appName: row.appName,
    streamName: row.streamName,
    taskId: row.taskId,
  };
  const auditId = await beginAudit(db, {
    ...base,
    action: "task.delete",
    target,
    reason: input.reason,
    details: { family: row.family },
  });
  const result = await callDelete(deps, row);
  await finishAudit(
    db,
    auditId,
    result.ok
      ? {
          outcome: "ok",
          requestId: result.requestId,
          latencyMs: result.latencyMs,
          details: { attempts: result.attempts },
        }
      : {
          outcome: result.kind === "timeout" ? "unknown" : "error",
          requestId: result.requestId,
          errorCode: result.code,
          errorMessage: result.message,
          latencyMs: result.latencyMs,
          details: { attempts: result.attempts, kind: result.kind },
        },
  );
  const by = ctx.actor.email ?? null;
  await recordTaskAction(
    db,
    row.taskId,
    result.ok
      ? { action: "delete", by, ok: true, requestId: result.requestId }
      : {
          action: "delete",
          by,
          ok: false,
          requestId: result.requestId,
          errorCode: result.code,
          errorMessage: result.message,
        },
    result.ok ? { deletedAt: new Date() } : {},
  );
  if (result.ok)
    return {
      ok: true,
      requestId: result.requestId,
      taskId: row.taskId,
      streamName: row.streamName,
      family: row.family,
    };
  return {
    ok: false,
    code: result.code,
    message: result.message,
    requestId: result.requestId,
    explanation: explainTaskError(result.code, result.message),
    values,
  };
}

/** The one place Delete branches on the family. */
async function callDelete(deps: DeleteTaskDeps, row: RecordingTask): Promise<LiveResult<Record<string, never>>> {
  try {
    const client = await deps.getClient();
    return row.family === "recordTask"
      ? await client.deleteRecordTask({ taskId: row.taskId })
      : await client.deleteLiveRecord({ streamName: row.streamName, taskId: row.taskId });
  } catch (err) {
    return clientUnavailable(err);
  }
}
