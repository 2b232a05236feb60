import "server-only";
import { and, eq, isNull, lte, ne, or } from "drizzle-orm";
import { recordStatusEvents } from "@/lib/db/schema/callbacks";
import { recordingTasks, type TaskState } from "@/lib/db/schema/tasks";
import type { Database } from "@/lib/db/types";
import type { RecordEvent, RecordStatusCallback } from "@/lib/tencent-live/callback-types";

/** What each record status does to a task RecDesk knows; paused/resumed leave it recording. */
const TASK_CHANGE: Partial<Record<RecordEvent, { state: TaskState; ok: boolean }>> = {
  record_start_succeeded: { state: "recording", ok: true },
  record_start_failed: { state: "failed", ok: false },
  record_error: { state: "failed", ok: false },
  record_ended: { state: "stopped", ok: true },
};

/** The events that show as a failure on the task and on its stream. */
export const FAILURE_EVENTS: readonly RecordEvent[] = ["record_start_failed", "record_error"];

/** Tencent documents no error field for 332; a message it adds (errmsg, message…) is kept when present. */
function errorText(body: RecordStatusCallback): string | null {
  if (!FAILURE_EVENTS.includes(body.record_event)) return null;
  const extra = body as Record<string, unknown>;
  const detail = [extra.errmsg, extra.err_msg, extra.message, extra.error].find((v) => typeof v === "string" && v);
  return detail ? `${body.record_event}: ${String(detail)}` : body.record_event;
}

/**
 * Keeps a record status (332) and, when the task is known, moves its state. An event older than the task's
 * last recorded action is kept but moves nothing (callbacks can arrive out of order, retries late), and a
 * task whose Stop is in flight is left to that Stop.
 */
export async function applyRecordStatus(db: Database, eventId: number, body: RecordStatusCallback): Promise<void> {
  const eventTime = new Date(body.event_time * 1000);
  const error = errorText(body);
  await db
    .insert(recordStatusEvents)
    .values({
      eventId,
      taskId: body.task_id ? body.task_id : null,
      domainName: body.domain,
      appName: body.appname,
      streamName: body.stream_id,
      recordEvent: body.record_event,
      eventTime,
      errorText: error,
    })
    .onConflictDoNothing({ target: recordStatusEvents.eventId });
  const change = TASK_CHANGE[body.record_event];
  if (!body.task_id || !change) return;
  await db
    .update(recordingTasks)
    .set({
      state: change.state,
      ...(change.state === "stopped" ? { stoppedAt: eventTime } : {}),
      // A failure is shown where a failed Stop is (the task's last action); a success keeps the last action,
      // e.g. the RequestId of the Stop that ended the recording.
      ...(change.ok
        ? {}
        : {
            lastAction: "callback",
            lastActionAt: eventTime,
            lastActionBy: "Tencent",
            lastOk: "error" as const,
            lastRequestId: null,
            lastErrorCode: body.record_event,
            lastErrorMessage: error,
          }),
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(recordingTasks.taskId, body.task_id),
        ne(recordingTasks.state, "stopping"),
        or(isNull(recordingTasks.lastActionAt), lte(recordingTasks.lastActionAt, eventTime)),
      ),
    );
}
