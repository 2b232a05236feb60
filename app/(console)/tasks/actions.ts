"use server";

import { formAction, type Revalidation } from "@/lib/actions/define-action";
import { getLiveClient } from "@/lib/tencent-live";
import { takeUserQuota } from "@/lib/tencent-live/user-quota";
import { TASK_REFUSAL } from "@/lib/tasks/attempt";
import { correctRegistration } from "@/lib/tasks/correct-registration";
import { deleteTask } from "@/lib/tasks/delete-task";
import {
  invalidCorrection,
  invalidDelete,
  invalidRegister,
  invalidStart,
  invalidStop,
} from "@/lib/tasks/invalid-input";
import { registerTask } from "@/lib/tasks/register-task";
import { refuseOverQuota } from "@/lib/tasks/quota-refusal";
import { recordTaskStartSchemaAt } from "@/lib/tasks/record-task-start-schema";
import {
  CorrectRegistrationInputSchema,
  DeleteTaskInputSchema,
  RegisterTaskInputSchema,
  StopTaskInputSchema,
} from "@/lib/tasks/schemas";
import { startRecordTask } from "@/lib/tasks/start-record-task";
import { startRecording, startRecordingSchemaAt } from "@/lib/tasks/start-task";
import { stopTask } from "@/lib/tasks/stop-task";

// Declarations only: lib/actions/define-action.ts authorizes (a refusal is audited, nothing else happens), then
// parses with the form's zod schema (invalid input is audited there, nothing goes upstream); lib/tasks gets the
// parsed input and audits intent and outcome write-ahead. Every answer refreshes the views, since even a refused
// Stop may have learnt that a task is gone. Signatures fit useActionState.

const refreshTaskViews: Revalidation = {
  paths: ["/tasks", ["/streams/[domain]/[app]/[stream]", "page"]],
  when: "always",
};

/** Stop a task from the list or a stream page. */
export const stopTaskAction = formAction({
  name: "stopTaskAction",
  permission: "task:stop",
  audit: "task.stop",
  ...TASK_REFUSAL,
  schema: StopTaskInputSchema,
  invalid: invalidStop("list"),
  handler: async (input, { db, auth, raw }) =>
    typedBack(raw, await stopTask(db, { getClient: getLiveClient }, input, auth, { via: "list" })),
  revalidate: refreshTaskViews,
});

/** Stop by ID: stream name + TaskId for a task RecDesk may never have seen; it is registered first. */
export const stopByIdAction = formAction({
  name: "stopByIdAction",
  permission: "task:stop",
  audit: "task.stop",
  ...TASK_REFUSAL,
  schema: StopTaskInputSchema,
  invalid: invalidStop("by-id"),
  handler: async (input, { db, auth, raw }) => {
    const quota = takeUserQuota("stop-by-id", auth.actor.userId);
    if (!quota.ok) return refuseOverQuota(db, auth, "task.stop", raw, quota, "stop-by-id");
    const options = { registerIfMissing: true, via: "by-id" } as const;
    return typedBack(raw, await stopTask(db, { getClient: getLiveClient }, input, auth, options));
  },
  revalidate: refreshTaskViews,
});

/** Correct a registered task's stream, app and domain (on-call and admin; audited with old and new values). */
export const correctRegistrationAction = formAction({
  name: "correctRegistrationAction",
  permission: "task:correct",
  audit: "task.correct",
  ...TASK_REFUSAL,
  schema: CorrectRegistrationInputSchema,
  invalid: invalidCorrection,
  handler: async (input, { db, auth, raw }) => typedBack(raw, await correctRegistration(db, input, auth)),
  revalidate: refreshTaskViews,
});

export const registerTaskAction = formAction({
  name: "registerTaskAction",
  permission: "task:register",
  audit: "task.register",
  ...TASK_REFUSAL,
  schema: RegisterTaskInputSchema,
  invalid: invalidRegister,
  handler: async (input, { db, auth, raw }) => typedBack(raw, await registerTask(db, input, auth)),
  revalidate: refreshTaskViews,
});

export const startRecordingAction = formAction({
  name: "startRecordingAction",
  permission: "task:start",
  audit: "task.start",
  ...TASK_REFUSAL,
  // The times are checked against the clock when the form arrives, so the schema is built per call.
  schema: () => startRecordingSchemaAt(new Date()),
  invalid: invalidStart,
  handler: async (input, { db, auth, raw }) =>
    typedBack(raw, await startRecording(db, { getClient: getLiveClient }, input, auth)),
  revalidate: refreshTaskViews,
});

/** Start recording in the RecordTask family (CreateRecordTask, never retried); the default family on the Start page. */
export const startRecordTaskAction = formAction({
  name: "startRecordTaskAction",
  permission: "task:start",
  audit: "task.start",
  ...TASK_REFUSAL,
  schema: () => recordTaskStartSchemaAt(new Date()),
  invalid: invalidStart,
  handler: async (input, { db, auth, raw }) =>
    typedBack(raw, await startRecordTask(db, { getClient: getLiveClient }, input, auth)),
  revalidate: refreshTaskViews,
});

/** Delete a task (on-call and admin): DeleteLiveRecord or DeleteRecordTask by the task's family, with a reason. */
export const deleteTaskAction = formAction({
  name: "deleteTaskAction",
  permission: "task:delete",
  audit: "task.delete",
  ...TASK_REFUSAL,
  schema: DeleteTaskInputSchema,
  invalid: invalidDelete,
  handler: async (input, { db, auth, raw }) =>
    typedBack(raw, await deleteTask(db, { getClient: getLiveClient }, input, auth)),
  revalidate: refreshTaskViews,
});

/** A refused answer echoes what was typed (not the parsed, normalized input), so the form keeps it as it was. */
function typedBack<R extends { ok: boolean; values?: Record<string, string> }>(raw: Record<string, string>, r: R): R {
  return r.ok || r.values === undefined ? r : { ...r, values: raw };
}
