"use server";

import { formAction, type Revalidation } from "@/lib/actions/define-action";
import { getLiveClient } from "@/lib/tencent-live";
import { takeUserQuota } from "@/lib/tencent-live/user-quota";
import { TASK_REFUSAL } from "@/lib/tasks/attempt";
import { correctRegistration } from "@/lib/tasks/correct-registration";
import { registerTask } from "@/lib/tasks/register-task";
import { refuseOverQuota } from "@/lib/tasks/quota-refusal";
import { startRecording } from "@/lib/tasks/start-task";
import { stopTask } from "@/lib/tasks/stop-task";

// Declarations only: lib/actions/define-action.ts authorizes (a refusal is audited, nothing else happens), then
// lib/tasks parses with the form's zod schema and audits intent and outcome write-ahead. Every answer refreshes
// the views, since even a refused Stop may have learnt that a task is gone. Signatures fit useActionState.

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
  handler: (values, { db, auth }) => stopTask(db, { getClient: getLiveClient }, values, auth, { via: "list" }),
  revalidate: refreshTaskViews,
});

/** Stop by ID: stream name + TaskId for a task RecDesk may never have seen; it is registered first. */
export const stopByIdAction = formAction({
  name: "stopByIdAction",
  permission: "task:stop",
  audit: "task.stop",
  ...TASK_REFUSAL,
  handler: async (values, { db, auth }) => {
    const quota = takeUserQuota("stop-by-id", auth.actor.userId);
    if (!quota.ok) return refuseOverQuota(db, auth, "task.stop", values, quota, "stop-by-id");
    return stopTask(db, { getClient: getLiveClient }, values, auth, { registerIfMissing: true, via: "by-id" });
  },
  revalidate: refreshTaskViews,
});

/** Correct a registered task's stream, app and domain (on-call and admin; audited with old and new values). */
export const correctRegistrationAction = formAction({
  name: "correctRegistrationAction",
  permission: "task:correct",
  audit: "task.correct",
  ...TASK_REFUSAL,
  handler: (values, { db, auth }) => correctRegistration(db, values, auth),
  revalidate: refreshTaskViews,
});

export const registerTaskAction = formAction({
  name: "registerTaskAction",
  permission: "task:register",
  audit: "task.register",
  ...TASK_REFUSAL,
  handler: (values, { db, auth }) => registerTask(db, values, auth),
  revalidate: refreshTaskViews,
});

export const startRecordingAction = formAction({
  name: "startRecordingAction",
  permission: "task:start",
  audit: "task.start",
  ...TASK_REFUSAL,
  handler: (values, { db, auth }) => startRecording(db, { getClient: getLiveClient }, values, auth),
  revalidate: refreshTaskViews,
});
