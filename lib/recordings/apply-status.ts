import "server-only";
import { and, eq, inArray, isNull, lte, ne, or } from "drizzle-orm";
import { recordStatusEvents } from "@/lib/db/schema/callbacks";
import { recordingTasks, type TaskState } from "@/lib/db/schema/tasks";
import type { Database } from "@/lib/db/types";
import { TENCENT_ACTOR } from "./definitions";
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
 * Keeps record statuses (332), in one statement, and moves the state of each task RecDesk knows. An event older
 * than the task's last recorded action is kept but moves nothing (callbacks can arrive out of order, retries
 * late), and a task whose Stop is in flight is left to that Stop.
 */
export async function applyRecordStatuses(
  db: Database,
  events: { eventId: number; body: RecordStatusCallback }[],
): Promise<void> {
  if (events.length === 0) return;
  await db
    .insert(recordStatusEvents)
    .values(
      events.map(({ eventId, body }) => ({
        eventId,
        taskId: body.task_id ? body.task_id : null,
        domainName: body.domain,
        appName: body.appname,
        streamName: body.stream_id,
        recordEvent: body.record_event,
        eventTime: new Date(body.event_time * 1000),
        errorText: errorText(body),
      })),
    )
    .onConflictDoNothing({ target: recordStatusEvents.eventId });
  const moving = events.filter((e) => e.body.task_id && TASK_CHANGE[e.body.record_event]);
  if (moving.length === 0) return;
  // Most statuses name tasks RecDesk does not know (or none): one read finds the few that need an update.
  const known = new Set(
    (
      await db
        .select({ taskId: recordingTasks.taskId })
        .from(recordingTasks)
        .where(inArray(recordingTasks.taskId, [...new Set(moving.map((e) => e.body.task_id!))]))
    ).map((r) => r.taskId),
  );
  const inOrder = moving
    .filter((e) => known.has(e.body.task_id!))
    .sort((a, b) => a.body.event_time - b.body.event_time);
  for (const { body } of inOrder) await moveTask(db, body);
}

async function moveTask(db: Database, body: RecordStatusCallback): Promise<void> {
  const change = TASK_CHANGE[body.record_event]!;
  const eventTime = new Date(body.event_time * 1000);
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
            lastActionBy: TENCENT_ACTOR,
            lastOk: "error" as const,
            lastRequestId: null,
            lastErrorCode: body.record_event,
            lastErrorMessage: errorText(body),
          }),
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(recordingTasks.taskId, body.task_id!),
        ne(recordingTasks.state, "stopping"),
        or(isNull(recordingTasks.lastActionAt), lte(recordingTasks.lastActionAt, eventTime)),
      ),
    );
}
