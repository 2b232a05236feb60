import { answerInvalid } from "@/lib/actions/invalid-reply";
import { beginAudit, finishAudit } from "@/lib/audit";
import type { Database } from "@/lib/db/types";
import type { LiveClient } from "@/lib/tencent-live/client";
import { clientUnavailable } from "@/lib/tencent-live/response";
import type { CreateRecordTaskInput } from "@/lib/tencent-live/types";
import { dateToCst } from "@/lib/tencent-live/validation";
import { intentBase, type TaskActionContext } from "./actor";
import type { TaskState } from "./definitions";
import { invalidStart } from "./invalid-input";
import { explainTaskError } from "./local-errors";
import { recordTaskStartSchemaAt, recordTaskTimes } from "./record-task-start-schema";
import type { StartTaskDeps, StartTaskResult } from "./start-task";
import { recordTaskAction, registerTaskRow } from "./task-rows";
import { say } from "@/lib/validation/messages";

/*
 * Start recording in the RecordTask family = one CreateRecordTask, never retried (the client never retries a
 * create: a retry can leave two tasks). As with CreateLiveRecord, a timeout means nobody knows whether the task
 * exists: the answer says so, the audit outcome is "unknown", and the next sweep (DescribeRecordTask) will list
 * it if it does.
 */
export async function startRecordTask(
  db: Database,
  deps: StartTaskDeps,
  raw: Record<string, unknown>,
  ctx: TaskActionContext,
): Promise<StartTaskResult> {
  const base = intentBase(ctx);
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === "string") values[k] = v;
  const now = deps.now?.() ?? new Date();
  const parsed = recordTaskStartSchemaAt(now).safeParse(raw);
  if (!parsed.success) return answerInvalid(db, base, "task.start", invalidStart(parsed.error, values));
  const input = parsed.data;
  const { start, end } = recordTaskTimes(input);
  const request: CreateRecordTaskInput = {
    streamName: input.streamName,
    appName: input.appName,
    domainName: input.domainName,
    endTime: end!,
    ...(start ? { startTime: start } : {}),
    ...(input.templateId !== undefined ? { templateId: input.templateId } : {}),
    ...(input.streamType !== undefined ? { streamType: input.streamType === "1" ? 1 : 0 } : {}),
  };
  const target = { domainName: input.domainName, appName: input.appName, streamName: input.streamName };
  const auditId = await beginAudit(db, {
    ...base,
    action: "task.start",
    target,
    reason: input.reason,
    details: {
      family: "recordTask",
      startTime: start?.toISOString(),
      endTime: end!.toISOString(),
      timeZone: input.timeZone,
      templateId: input.templateId,
      streamType: request.streamType,
    },
  });

  let result: Awaited<ReturnType<LiveClient["createRecordTask"]>>;
  try {
    result = await (await deps.getClient()).createRecordTask(request);
  } catch (err) {
    result = clientUnavailable(err);
  }
  const streamHref = `/streams/${encodeURIComponent(input.domainName)}/${encodeURIComponent(input.appName)}/${encodeURIComponent(input.streamName)}`;

  if (!result.ok) {
    const mayExist = result.kind === "timeout" || result.kind === "network" || result.kind === "malformed";
    await finishAudit(db, auditId, {
      outcome: mayExist ? "unknown" : "error",
      requestId: result.requestId,
      errorCode: result.code,
      errorMessage: result.message,
      latencyMs: result.latencyMs,
      details: { kind: result.kind },
    });
    return {
      ok: false,
      code: result.code,
      message: mayExist ? say("actions.tasks.recordTaskMayExist", { message: result.message }) : result.message,
      requestId: result.requestId,
      explanation: explainTaskError(result.code, result.message),
      values,
      mayExist,
      streamHref,
    };
  }

  const taskId = result.data.taskId;
  await finishAudit(db, auditId, {
    outcome: "ok",
    requestId: result.requestId,
    latencyMs: result.latencyMs,
    details: { taskId },
  });
  const state: TaskState = !start || start <= now ? "recording" : "scheduled";
  await registerTaskRow(db, {
    taskId,
    family: "recordTask",
    templateId: input.templateId ?? null,
    streamName: input.streamName,
    appName: input.appName,
    domainName: input.domainName,
    state,
    source: "created",
    mode: start && start > now ? "scheduled" : "realtime",
    startTime: start ?? now,
    endTime: end!,
    createdByUserId: ctx.actor.userId ?? null,
    createdByEmail: ctx.actor.email ?? null,
  });
  await recordTaskAction(db, taskId, {
    action: "start",
    by: ctx.actor.email ?? null,
    ok: true,
    requestId: result.requestId,
  });
  return {
    ok: true,
    requestId: result.requestId,
    taskId,
    streamName: input.streamName,
    state,
    startTimeCst: start ? dateToCst(start) : undefined,
    endTimeCst: dateToCst(end!),
    streamHref,
  };
}
