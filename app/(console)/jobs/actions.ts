"use server";

import { valueAction } from "@/lib/actions/define-action";
import { wakeBulkWorker } from "@/lib/bulk";
import {
  controlJob,
  createBulkStop,
  createBulkStopSchema,
  invalidCreate,
  invalidJobId,
  invalidPreview,
  jobAttempt,
  JobIdSchema,
  previewBulkStop,
} from "@/lib/bulk/actions";
import { bulkSelectionSchema, type BulkSelection } from "@/lib/bulk/selection-types";
import { ensureRecordTasksFresh } from "@/lib/tasks/record-task-sweep";
import { getConfig } from "@/lib/config";

// Declarations only (lib/actions/define-action.ts authorizes, validates and audits refusals; lib/bulk acts).

/** How many tasks a selection covers (the whole filter, not the visible page) and their streams. */
export const previewBulkStopAction = valueAction({
  name: "previewBulkStopAction",
  permission: "task:bulk-stop",
  audit: "bulk.create",
  schema: () => bulkSelectionSchema(getConfig().bulkMaxItems),
  attempt: () => ({ details: { step: "preview" } }),
  invalid: (error, input) => invalidPreview(error, input, getConfig().bulkMaxItems),
  handler: async (selection, ctx) => {
    await freshenFor(selection);
    return previewBulkStop(ctx.db, selection, getConfig().bulkMaxItems);
  },
});

/** Persists the job (one item per task) and hands it to the server-side worker. */
export const createBulkStopAction = valueAction({
  name: "createBulkStopAction",
  permission: "task:bulk-stop",
  audit: "bulk.create",
  schema: () => createBulkStopSchema(getConfig().bulkMaxItems),
  attempt: () => ({ details: {} }),
  invalid: (error, input) => invalidCreate(error, input, getConfig().bulkMaxItems),
  handler: async (input, ctx) => {
    await freshenFor(input.selection);
    const result = await createBulkStop(ctx.db, ctx.auth, input, getConfig().bulkMaxItems);
    if (result.ok) await wakeBulkWorker();
    return result;
  },
  revalidate: { paths: ["/jobs"] },
});

export const cancelJobAction = valueAction({
  name: "cancelJobAction",
  permission: "task:bulk-stop",
  audit: "bulk.cancel",
  schema: JobIdSchema,
  attempt: jobAttempt,
  invalid: (_error, jobId) => invalidJobId(jobId),
  handler: (jobId, ctx) => controlJob(ctx.db, ctx.auth, "bulk.cancel", jobId),
});

export const retryFailedAction = valueAction({
  name: "retryFailedAction",
  permission: "task:bulk-stop",
  audit: "bulk.retry",
  schema: JobIdSchema,
  attempt: jobAttempt,
  invalid: (_error, jobId) => invalidJobId(jobId),
  handler: async (jobId, ctx) => {
    const result = await controlJob(ctx.db, ctx.auth, "bulk.retry", jobId);
    if (result.ok) await wakeBulkWorker();
    return result;
  },
});

/**
 * "Every task matching the filter" may include RecordTasks, which only the sweep keeps current: sweep first (at
 * most once per interval, shared with the /tasks page). Picked TaskIds, or a legacy-only filter, need none.
 */
async function freshenFor(selection: BulkSelection): Promise<void> {
  if (selection.kind === "filter" && selection.filters.family !== "legacy") await ensureRecordTasksFresh();
}
