"use server";

import { revalidatePath } from "next/cache";
import { formValues } from "@/lib/action-result";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db";
import { getLiveClient } from "@/lib/tencent-live";
import { takeUserQuota } from "@/lib/tencent-live/user-quota";
import { correctRegistration, type CorrectRegistrationResult } from "@/lib/tasks/correct-registration";
import { registerTask, type RegisterTaskResult } from "@/lib/tasks/register-task";
import { refuseOverQuota } from "@/lib/tasks/quota-refusal";
import { refuseTaskAction } from "@/lib/tasks/refusal";
import { startRecording, type StartTaskResult } from "@/lib/tasks/start-task";
import { stopTask, type StopTaskResult } from "@/lib/tasks/stop-task";

// Thin on purpose: permission first (a refusal is audited and nothing else happens), then lib/tasks, which
// parses with the form's zod schema (invalid input is audited, nothing goes upstream) and returns an
// ActionResult that keeps what the user typed. Signatures fit useActionState: (previous result, form data).

function refreshTaskViews(): void {
  revalidatePath("/tasks");
  revalidatePath("/streams/[domain]/[app]/[stream]", "page");
}

/** Stop a task from the list or a stream page. */
export async function stopTaskAction(_prev: unknown, formData: FormData): Promise<StopTaskResult> {
  const auth = await requirePermission("task:stop");
  const db = await getDb();
  const values = formValues(formData);
  if (!auth.ok) return refuseTaskAction(db, auth, "task.stop", values);
  const result = await stopTask(db, { getClient: getLiveClient }, values, auth, { via: "list" });
  refreshTaskViews();
  return result;
}

/** Stop by ID: stream name + TaskId for a task RecDesk may never have seen; it is registered first. */
export async function stopByIdAction(_prev: unknown, formData: FormData): Promise<StopTaskResult> {
  const auth = await requirePermission("task:stop");
  const db = await getDb();
  const values = formValues(formData);
  if (!auth.ok) return refuseTaskAction(db, auth, "task.stop", values);
  const quota = takeUserQuota("stop-by-id", auth.actor.userId);
  if (!quota.ok) return refuseOverQuota(db, auth, "task.stop", values, quota, "stop-by-id");
  const result = await stopTask(db, { getClient: getLiveClient }, values, auth, { registerIfMissing: true, via: "by-id" });
  refreshTaskViews();
  return result;
}

/** Correct a registered task's stream, app and domain (on-call and admin; audited with old and new values). */
export async function correctRegistrationAction(_prev: unknown, formData: FormData): Promise<CorrectRegistrationResult> {
  const auth = await requirePermission("task:correct");
  const db = await getDb();
  const values = formValues(formData);
  if (!auth.ok) return refuseTaskAction(db, auth, "task.correct", values);
  const result = await correctRegistration(db, values, auth);
  refreshTaskViews();
  return result;
}

export async function registerTaskAction(_prev: unknown, formData: FormData): Promise<RegisterTaskResult> {
  const auth = await requirePermission("task:register");
  const db = await getDb();
  const values = formValues(formData);
  if (!auth.ok) return refuseTaskAction(db, auth, "task.register", values);
  const result = await registerTask(db, values, auth);
  refreshTaskViews();
  return result;
}

export async function startRecordingAction(_prev: unknown, formData: FormData): Promise<StartTaskResult> {
  const auth = await requirePermission("task:start");
  const db = await getDb();
  const values = formValues(formData);
  if (!auth.ok) return refuseTaskAction(db, auth, "task.start", values);
  const result = await startRecording(db, { getClient: getLiveClient }, values, auth);
  refreshTaskViews();
  return result;
}
