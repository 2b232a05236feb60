import { beginAudit, finishAudit, recordAudit } from "@/lib/audit";
import { AuditAlreadyFinishedError } from "@/lib/audit/finish";
import type { AuditResult } from "@/lib/audit/types";
import type { Database } from "@/lib/db/types";
import type { RecordingTask } from "@/lib/db/schema/tasks";
import { SINGLE_STOP_QUEUE_BOUND } from "@/lib/tencent-live/limiter";
import { clientUnavailable } from "@/lib/tencent-live/response";
import { UNKNOWN_RECORD_TASK_CODE, type LiveResult } from "@/lib/tencent-live/types";
import { intentBase, type TaskActionContext } from "./actor";
import { explainTaskError } from "./local-errors";
import { releaseStop, releaseStopQuery } from "./stop-claim";
import { lookAndClaimStop } from "./stop-look";
import { answerFromRow, joinInFlightStop } from "./stop-coalesced";
import type { StopTaskDeps, StopTaskOptions, StopTaskResult } from "./stop-types";
import { registerReportedTask, type ActionOutcome } from "./task-rows";
import { StopTaskInputSchema } from "./schemas";
import { invalidStop } from "./invalid-input";
import { answerInvalid } from "@/lib/actions/invalid-reply";
import { say } from "@/lib/validation/messages";

/*
 * A single Stop: the task list and the stream detail page (both through the tasks' stop action, via "list")
 * and Stop by ID (via "by-id"):
 *   validate → find (or, for Stop by ID, register) the row → claim it → audit intent → StopLiveRecord →
 *   audit outcome → row keeps the outcome.
 *
 * One claim per task, whoever asks: bulk items take the same claim on the same row, a batch at a time
 * (lib/bulk/task-claims.ts, claimStops in ./stop-claim.ts), so a task is never stopped twice at once. The claim
 * is a conditional UPDATE of stopping_since. Whoever loses it does not call Tencent; it waits on the row
 * (./stop-join.ts) until the holder ends the claim and answers with the holder's outcome (same RequestId or
 * error), marked `coalesced`. If the holder is still waiting on Tencent after `joinWaitMs`, a single Stop gets
 * RecDesk.StopInProgress and the row shows the outcome once it lands. Both attempts are audited; the loser's
 * record says upstreamCall:false and points at nothing new on Tencent's side.
 */

export type { StopTaskDeps, StopTaskOptions, StopTaskResult } from "./stop-types";

const UNKNOWN_OUTCOME_KINDS = new Set(["timeout"]);

export async function stopTask(
  db: Database,
  deps: StopTaskDeps,
  raw: Record<string, unknown>,
  ctx: TaskActionContext,
  opts: StopTaskOptions = {},
): Promise<StopTaskResult> {
  const via = opts.via ?? (opts.registerIfMissing ? "by-id" : "list");
  const base = intentBase(ctx);
  const parsed = StopTaskInputSchema.safeParse(raw);
  const values = stringValues(raw);
  // The action wrapper parsed already; this guards callers without it (bulk jobs) and audits the same record.
  if (!parsed.success) return answerInvalid(db, base, "task.stop", invalidStop(via)(parsed.error, values));
  const input = parsed.data;
  const refuse = async (
    code: string,
    message: string,
    fieldErrors?: Record<string, string[]>,
  ): Promise<StopTaskResult> => {
    await recordAudit(
      db,
      {
        ...base,
        action: "task.stop",
        target: { taskId: input.taskId, streamName: input.streamName },
        reason: input.reason,
        details: { via },
      },
      { outcome: "invalid", errorCode: code, errorMessage: message },
    );
    return { ok: false, code, message, fieldErrors, values, explanation: explainTaskError(code) };
  };

  // The claim is taken (or not) together with the read; every early answer below is one the claim ruled out.
  const claimedAt = new Date();
  let look = await lookAndClaimStop(db, input, claimedAt);
  let registered = false;
  if (!look) {
    if (!opts.registerIfMissing)
      return refuse("RecDesk.TaskNotRegistered", say("actions.tasks.noTask", { taskId: input.taskId }));
    const reg = await registerReportedTask(db, input, ctx.actor);
    registered = reg.inserted;
    // Gone again at once (deleted concurrently): nothing to claim; the join below answers as it did before.
    look = (await lookAndClaimStop(db, input, claimedAt)) ?? {
      row: reg.task,
      effectiveState: "unknown",
      claimed: false,
    };
  }
  const { row, effectiveState, claimed } = look;
  const early = async (answer: () => Promise<StopTaskResult>): Promise<StopTaskResult> => {
    // Only if the row changed between the statement's read and its claim (another writer on Postgres): a claim
    // this Stop will not use must not leave the task "stopping".
    if (claimed) await releaseStop(db, row.taskId, claimedAt, {});
    return answer();
  };
  if (row.streamName !== input.streamName) {
    const msg = say("actions.tasks.streamMismatch", {
      taskId: input.taskId,
      known: row.streamName,
      typed: input.streamName,
    });
    return early(() => refuse("RecDesk.StreamMismatch", msg, { streamName: [msg] }));
  }
  const target = {
    domainName: row.domainName || undefined,
    appName: row.appName,
    streamName: row.streamName,
    taskId: row.taskId,
  };
  const intent = { ...base, action: "task.stop" as const, target, reason: input.reason };

  if (effectiveState === "stopped") {
    return early(() => answerFromRow(db, row, intent, { via, alreadyStopped: true }));
  }
  if (!claimed) return joinInFlightStop(db, deps, row.taskId, intent, via, claimedAt);

  let auditId: number;
  try {
    auditId = await beginAudit(db, { ...intent, details: { via, registered } });
  } catch (err) {
    // No durable intent, no upstream call: give the row back untouched.
    await releaseStop(db, row.taskId, claimedAt, {});
    throw err;
  }

  const result = await callStop(deps, row);
  const by = ctx.actor.email ?? null;
  const outcome: ActionOutcome = result.ok
    ? { action: "stop", by, ok: true, requestId: result.requestId }
    : {
        action: "stop",
        by,
        ok: false,
        requestId: result.requestId ?? null,
        errorCode: result.code,
        errorMessage: result.message,
      };
  const auditResult: AuditResult = result.ok
    ? {
        outcome: "ok",
        requestId: result.requestId,
        latencyMs: result.latencyMs,
        details: { attempts: result.attempts },
      }
    : {
        outcome: UNKNOWN_OUTCOME_KINDS.has(result.kind) ? "unknown" : "error",
        requestId: result.requestId,
        errorCode: result.code,
        errorMessage: result.message,
        latencyMs: result.latencyMs,
        details: { attempts: result.attempts, kind: result.kind },
      };
  await finishAndRelease(db, auditId, auditResult, row.taskId, claimedAt, { outcome, ...rowStateAfter(result, row) });

  if (result.ok) {
    return { ok: true, requestId: result.requestId, taskId: row.taskId, streamName: row.streamName, state: "stopped" };
  }
  return {
    ok: false,
    code: result.code,
    message: result.message,
    requestId: result.requestId,
    explanation: explainTaskError(result.code, result.message),
    values,
  };
}

/**
 * The outcome and the row's release in one statement. Should that statement fail, nothing of it committed: then
 * the two are written as separately as before, the outcome first, and the row leaves "stopping" whatever
 * happened to the audit write.
 */
async function finishAndRelease(
  db: Database,
  auditId: number,
  auditResult: AuditResult,
  taskId: string,
  claimedAt: Date,
  set: Parameters<typeof releaseStop>[3],
): Promise<void> {
  try {
    await finishAudit(db, auditId, auditResult, { along: releaseStopQuery(db, taskId, claimedAt, set) });
  } catch (err) {
    if (err instanceof AuditAlreadyFinishedError) throw err; // its statement committed, the release with it
    try {
      await finishAudit(db, auditId, auditResult);
    } finally {
      await releaseStop(db, taskId, claimedAt, set);
    }
  }
}

/**
 * What the row says after the call. ResourceNotFound.TaskId means Tencent has no such task for this stream
 * name (wrong TaskId or stream, deleted, or another account): nothing is recording under it that RecDesk can
 * see, but it did not "stop" either, so the row becomes "unknown" and keeps the error. Any other failure leaves
 * the state alone — the task is presumably still running and the error is on the row for the next person.
 * A RecordTask's unknown TaskId gets UNKNOWN_RECORD_TASK_CODE instead (the family documents no such code).
 */
function rowStateAfter(
  result: LiveResult<unknown>,
  row: RecordingTask,
): Partial<Pick<RecordingTask, "state" | "stoppedAt">> {
  if (result.ok) return { state: "stopped", stoppedAt: new Date() };
  const notFound = row.family === "recordTask" ? UNKNOWN_RECORD_TASK_CODE : "ResourceNotFound.TaskId";
  if (result.code === notFound) return { state: "unknown" };
  return { state: row.state };
}

/**
 * The one place a single Stop branches on the family: StopRecordTask takes the TaskId alone, StopLiveRecord the
 * stream name with it. Everything around the call (claim, coalescing, audit, the row) is the same for both.
 */
async function callStop(deps: StopTaskDeps, row: RecordingTask): Promise<LiveResult<Record<string, never>>> {
  try {
    const client = await deps.getClient();
    const options = { maxQueued: deps.stopQueueBound ?? SINGLE_STOP_QUEUE_BOUND };
    return row.family === "recordTask"
      ? await client.stopRecordTask({ taskId: row.taskId }, options)
      : await client.stopLiveRecord({ streamName: row.streamName, taskId: row.taskId }, options);
  } catch (err) {
    // Nothing reached Tencent.
    return clientUnavailable(err);
  }
}

function stringValues(raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === "string") out[k] = v;
  return out;
}
