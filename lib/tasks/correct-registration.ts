import { and, eq, isNull, sql } from "drizzle-orm";
import type { ActionResult } from "@/lib/action-result";
import { recordAudit } from "@/lib/audit";
import { recordingTasks } from "@/lib/db/schema/tasks";
import type { Database } from "@/lib/db/types";
import { clip, intentBase, type TaskActionContext } from "./actor";
import { explainTaskError } from "./local-errors";
import { getTaskRow } from "./registry";
import { CorrectRegistrationInputSchema } from "./schemas";
import { invalidCorrection } from "./invalid-input";
import { answerInvalid } from "@/lib/actions/invalid-reply";
import { messageRef, say, type MessageRef } from "@/lib/validation/messages";

export interface RegistrationNames {
  streamName: string;
  appName: string;
  domainName: string;
}

export type CorrectRegistrationResult = ActionResult<{
  taskId: string;
  from: RegistrationNames;
  to: RegistrationNames;
  bulkItemsUpdated: number;
}>;

/**
 * Corrects the stream, app and domain RecDesk has for a TaskId (someone registered it under the wrong stream,
 * so every Stop failed Tencent's check that the two match). Nothing is sent upstream. Pending bulk items for
 * the task take the new names too, so a running job does not send the wrong stream. Audited with old and new.
 */
export async function correctRegistration(
  db: Database,
  raw: Record<string, unknown>,
  ctx: TaskActionContext,
): Promise<CorrectRegistrationResult> {
  const base = intentBase(ctx);
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === "string") values[k] = v;
  const typedTarget = {
    taskId: clip(raw.taskId),
    streamName: clip(raw.streamName),
    appName: clip(raw.appName),
    domainName: clip(raw.domainName),
  };
  const refuse = async (
    code: string,
    message: string,
    fieldErrors?: Record<string, string[]>,
    reason?: string,
  ): Promise<CorrectRegistrationResult> => {
    await recordAudit(
      db,
      { ...base, action: "task.correct", target: typedTarget, reason: reason ?? clip(raw.reason, 500) },
      {
        outcome: "invalid",
        errorCode: code,
        errorMessage: clip(message, 500),
        details: fieldErrors ? { fieldErrors } : undefined,
      },
    );
    return { ok: false, code, message, fieldErrors, values, explanation: explainTaskError(code) };
  };

  const parsed = CorrectRegistrationInputSchema.safeParse(raw);
  // The action wrapper parsed already; this guards callers without it and audits the same record.
  if (!parsed.success) return answerInvalid(db, base, "task.correct", invalidCorrection(parsed.error, values));
  const input = parsed.data;
  const row = await getTaskRow(db, input.taskId);
  if (!row)
    return refuse(
      "RecDesk.TaskNotRegistered",
      say("actions.tasks.noTaskToCorrect", { taskId: input.taskId }),
      { taskId: [say("validation.tasks.notRegistered")] },
      input.reason,
    );
  const from: RegistrationNames = { streamName: row.streamName, appName: row.appName, domainName: row.domainName };
  const to: RegistrationNames = {
    streamName: input.streamName,
    appName: input.appName ?? row.appName,
    domainName: (input.domainName ?? row.domainName).toLowerCase(),
  };
  if (from.streamName === to.streamName && from.appName === to.appName && from.domainName === to.domainName) {
    return refuse(
      "RecDesk.NothingToCorrect",
      say("actions.tasks.alreadyRegisteredAs", { taskId: input.taskId, registration: registrationRef(to) }),
      { streamName: [say("validation.tasks.sameAsRegistration")] },
      input.reason,
    );
  }

  const outcome = await db.transaction(async (tx) => {
    const t = tx as unknown as Database;
    // Not while a Stop is in flight: it was sent with the old names, and its outcome lands on this row.
    const updated = await t
      .update(recordingTasks)
      .set({ streamName: to.streamName, appName: to.appName, domainName: to.domainName })
      .where(and(eq(recordingTasks.taskId, input.taskId), isNull(recordingTasks.stoppingSince)))
      .returning({ taskId: recordingTasks.taskId });
    if (updated.length === 0) return null;
    const items = await t.execute(sql`
      update bulk_items set stream_name = ${to.streamName}, app_name = ${to.appName}, domain_name = ${to.domainName}
      where task_id = ${input.taskId} and state = 'pending' returning id`);
    return { bulkItemsUpdated: items.rows.length };
  });
  if (!outcome)
    return refuse(
      "RecDesk.StopInProgress",
      say("actions.tasks.stopPendingCorrect", { taskId: input.taskId }),
      undefined,
      input.reason,
    );

  await recordAudit(
    db,
    {
      ...base,
      action: "task.correct",
      target: { taskId: input.taskId, ...to },
      reason: input.reason,
      details: { from, to, bulkItemsUpdated: outcome.bulkItemsUpdated },
    },
    { outcome: "ok" },
  );
  return { ok: true, taskId: input.taskId, from, to, bulkItemsUpdated: outcome.bulkItemsUpdated };
}

function registrationRef(n: RegistrationNames): MessageRef {
  return n.domainName
    ? messageRef("actions.tasks.registrationWithDomain", { ...n, domainName: n.domainName })
    : messageRef("actions.tasks.registration", { streamName: n.streamName, appName: n.appName });
}
