import type { ActionResult } from "@/lib/action-result";
import { recordAudit } from "@/lib/audit";
import type { Database } from "@/lib/db/types";
import { intentBase, type TaskActionContext } from "./actor";
import { explainTaskError } from "./local-errors";
import { recordTaskAction, registerReportedTask } from "./task-rows";
import { RegisterTaskInputSchema } from "./schemas";
import { invalidRegister } from "./invalid-input";
import { answerInvalid } from "@/lib/actions/invalid-reply";
import { say } from "@/lib/validation/messages";

export type RegisterTaskResult = ActionResult<{ taskId: string; streamName: string; alreadyKnown: boolean }>;

/**
 * Tells RecDesk about a task it did not create (Tencent cannot list legacy tasks). Nothing is sent upstream:
 * there is no call that confirms a TaskId exists without acting on it, so the state starts as "unknown".
 * Registering a known TaskId again is harmless for the same stream and refused for another one.
 */
export async function registerTask(
  db: Database,
  raw: Record<string, unknown>,
  ctx: TaskActionContext,
): Promise<RegisterTaskResult> {
  const base = intentBase(ctx);
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === "string") values[k] = v;
  const parsed = RegisterTaskInputSchema.safeParse(raw);
  // The action wrapper parsed already; this guards callers without it and audits the same record.
  if (!parsed.success) return answerInvalid(db, base, "task.register", invalidRegister(parsed.error, values));
  const input = parsed.data;
  const target = {
    taskId: input.taskId,
    streamName: input.streamName,
    appName: input.appName ?? "live",
    domainName: input.domainName,
  };
  const { inserted, task } = await registerReportedTask(db, input, ctx.actor);
  if (task.streamName !== input.streamName) {
    const msg = say("actions.tasks.registeredForOtherStream", { taskId: input.taskId, streamName: task.streamName });
    await recordAudit(
      db,
      { ...base, action: "task.register", target, reason: input.note },
      { outcome: "invalid", errorCode: "RecDesk.StreamMismatch", errorMessage: msg },
    );
    return {
      ok: false,
      code: "RecDesk.StreamMismatch",
      message: msg,
      fieldErrors: { streamName: [msg] },
      values,
      explanation: explainTaskError("RecDesk.StreamMismatch"),
    };
  }
  await recordAudit(
    db,
    { ...base, action: "task.register", target, reason: input.note, details: { alreadyKnown: !inserted } },
    { outcome: "ok" },
  );
  if (inserted) await recordTaskAction(db, input.taskId, { action: "register", by: ctx.actor.email ?? null, ok: true });
  return { ok: true, taskId: input.taskId, streamName: input.streamName, alreadyKnown: !inserted };
}
