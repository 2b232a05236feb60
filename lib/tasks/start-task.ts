import type { ActionResult } from "@/lib/action-result";
import { beginAudit, finishAudit } from "@/lib/audit";
import type { Database } from "@/lib/db/types";
import type { LiveClient } from "@/lib/tencent-live/client";
import type { CreateLiveRecordInput } from "@/lib/tencent-live/types";
import { dateToCst } from "@/lib/tencent-live/validation";
import { intentBase, type TaskActionContext } from "./actor";
import type { TaskState } from "./definitions";
import { explainTaskError } from "./local-errors";
import { recordTaskAction, registerTaskRow } from "./task-rows";
import { StartRecordingInputSchema, type StartRecordingInput } from "./schemas";
import { invalidStart } from "./invalid-input";
import { answerInvalid } from "@/lib/actions/invalid-reply";
import { wallTimeToDate } from "./zoned-time";
import { clientUnavailable } from "@/lib/tencent-live/response";
import { say } from "@/lib/validation/messages";

/*
 * Start recording = one CreateLiveRecord, never retried (the client enforces it: a retried create can leave two
 * billed tasks). On a timeout nobody knows whether the task exists, so the answer says so and points at the
 * stream's page; the audit outcome is "unknown".
 */

export interface StartTaskDeps {
  getClient: () => Promise<LiveClient>;
  now?: () => Date;
}

export interface StartSuccess {
  taskId: string;
  streamName: string;
  state: TaskState;
  /** What was sent, in China Standard Time, for the confirmation. */
  startTimeCst?: string;
  endTimeCst?: string;
}

export type StartTaskResult = ActionResult<StartSuccess> & { mayExist?: boolean; streamHref?: string };

/** Real-time mode records until EndTime, which Tencent caps at now + 30 min. */
const REALTIME_MAX_MS = 30 * 60_000;

export async function startRecording(
  db: Database,
  deps: StartTaskDeps,
  raw: Record<string, unknown>,
  ctx: TaskActionContext,
): Promise<StartTaskResult> {
  const base = intentBase(ctx);
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === "string") values[k] = v;
  const now = deps.now?.() ?? new Date();

  // The action wrapper parsed already (at its own clock); this guards callers without it, same record.
  const parsed = startRecordingSchemaAt(now).safeParse(raw);
  if (!parsed.success) return answerInvalid(db, base, "task.start", invalidStart(parsed.error, values));
  const input = parsed.data;
  const times = apiTimes(input);
  const request: CreateLiveRecordInput = {
    streamName: input.streamName,
    appName: input.appName,
    domainName: input.domainName,
    fileFormat: input.fileFormat,
    recordType: input.recordType,
    highlight: input.mode === "realtime" ? 1 : 0,
    ...(times.start ? { startTime: dateToCst(times.start) } : {}),
    ...(times.end ? { endTime: dateToCst(times.end) } : {}),
  };
  const target = { domainName: input.domainName, appName: input.appName, streamName: input.streamName };
  const auditId = await beginAudit(db, {
    ...base,
    action: "task.start",
    target,
    reason: input.reason,
    details: {
      mode: input.mode,
      startTime: request.startTime,
      endTime: request.endTime,
      timeZone: input.timeZone,
      fileFormat: input.fileFormat,
      recordType: input.recordType,
    },
  });

  let result: Awaited<ReturnType<LiveClient["createLiveRecord"]>>;
  try {
    result = await (await deps.getClient()).createLiveRecord(request);
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
      message: mayExist ? say("actions.tasks.startMayExist", { message: result.message }) : result.message,
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
  const state: TaskState = input.mode === "realtime" || (times.start && times.start <= now) ? "recording" : "scheduled";
  const at = new Date();
  await registerTaskRow(db, {
    taskId,
    streamName: input.streamName,
    appName: input.appName,
    domainName: input.domainName,
    state,
    source: "created",
    mode: input.mode,
    fileFormat: input.fileFormat,
    recordType: input.recordType,
    startTime: times.start ?? now,
    // Real-time without an end: Tencent stops it at its 30-minute cap, so the registry must not show it
    // recording for ever (and later as a false runaway).
    endTime: times.end ?? (input.mode === "realtime" ? new Date(now.getTime() + REALTIME_MAX_MS) : null),
    createdByUserId: ctx.actor.userId ?? null,
    createdByEmail: ctx.actor.email ?? null,
  });
  await recordTaskAction(db, taskId, {
    action: "start",
    by: ctx.actor.email ?? null,
    ok: true,
    requestId: result.requestId,
    at,
  });
  return {
    ok: true,
    requestId: result.requestId,
    taskId,
    streamName: input.streamName,
    state,
    startTimeCst: request.startTime,
    endTimeCst: request.endTime,
    streamHref,
  };
}

function apiTimes(input: StartRecordingInput): { start?: Date; end?: Date } {
  return {
    // Real-time mode ignores StartTime, so none is sent.
    start:
      input.mode === "scheduled" && input.startLocal ? wallTimeToDate(input.startLocal, input.timeZone) : undefined,
    end: input.endLocal ? wallTimeToDate(input.endLocal, input.timeZone) : undefined,
  };
}

/** Checks that need the time zone and the clock: real dates, end after start, end in the future, real-time cap. */
/**
 * The Start form's schema at `now`: the form's rules, then the times Tencent would refuse (past, reversed, a
 * real-time end too far ahead), checked only once the form itself is valid, as the flow checks them.
 */
export function startRecordingSchemaAt(now: Date) {
  return StartRecordingInputSchema.superRefine((input, ctx) => {
    if (ctx.issues.length > 0) return;
    for (const [path, messages] of Object.entries(timeErrors(input, now))) {
      for (const message of messages) ctx.addIssue({ code: "custom", path: [path], message });
    }
  });
}

function timeErrors(input: StartRecordingInput, now: Date): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const { start, end } = apiTimes(input);
  if (start && Number.isNaN(start.getTime())) errors.startLocal = [say("validation.start.notRealDateTime")];
  if (end && Number.isNaN(end.getTime())) errors.endLocal = [say("validation.start.notRealDateTime")];
  if (errors.startLocal || errors.endLocal) return errors;
  if (end && end <= now) errors.endLocal = [say("validation.start.endInPast")];
  else if (start && end && end <= start) errors.endLocal = [say("validation.start.endBeforeStart")];
  else if (input.mode === "realtime" && end && end.getTime() - now.getTime() > REALTIME_MAX_MS) {
    errors.endLocal = [say("validation.start.realtimeTooLong")];
  }
  return errors;
}
