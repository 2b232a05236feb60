"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { requirePermission } from "@/lib/auth/require";
import { wakeBulkWorker } from "@/lib/bulk";
import { controlJob, createBulkStop, previewBulkStop, refuseBulk } from "@/lib/bulk/actions";
import type { BulkPreview } from "@/lib/bulk/types";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";

// Thin on purpose: permission first (a refusal is audited, nothing else happens), then lib/bulk.

/** How many tasks a selection covers (the whole filter, not the visible page) and their streams. */
export async function previewBulkStopAction(selection: unknown): Promise<ActionResult<{ preview: BulkPreview }>> {
  const auth = await requirePermission("task:bulk-stop");
  const db = await getDb();
  if (!auth.ok) return refuseBulk(db, auth, "bulk.create", { step: "preview" });
  return previewBulkStop(db, auth, selection, getConfig().bulkMaxItems);
}

/** Persists the job (one item per task) and hands it to the server-side worker. */
export async function createBulkStopAction(input: unknown): Promise<ActionResult<{ jobId: string; total: number }>> {
  const auth = await requirePermission("task:bulk-stop");
  const db = await getDb();
  if (!auth.ok) return refuseBulk(db, auth, "bulk.create", {});
  const result = await createBulkStop(db, auth, input, getConfig().bulkMaxItems);
  if (result.ok) {
    await wakeBulkWorker();
    revalidatePath("/jobs");
  }
  return result;
}

export async function cancelJobAction(jobId: unknown): Promise<ActionResult<{ affected: number }>> {
  const auth = await requirePermission("task:bulk-stop");
  const db = await getDb();
  if (!auth.ok) return refuseBulk(db, auth, "bulk.cancel", {}, typeof jobId === "string" ? jobId : undefined);
  return controlJob(db, auth, "bulk.cancel", jobId);
}

export async function retryFailedAction(jobId: unknown): Promise<ActionResult<{ affected: number }>> {
  const auth = await requirePermission("task:bulk-stop");
  const db = await getDb();
  if (!auth.ok) return refuseBulk(db, auth, "bulk.retry", {}, typeof jobId === "string" ? jobId : undefined);
  const result = await controlJob(db, auth, "bulk.retry", jobId);
  if (result.ok) await wakeBulkWorker();
  return result;
}
