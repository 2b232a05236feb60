import "server-only";
import { getConfig } from "@/lib/config";
import { openDatabase } from "@/lib/db";
import { getLiveClient } from "@/lib/tencent-live";
import { createBulkWorker, type BulkWorker } from "./worker";

export { getJobView, listJobItems, listJobViews } from "./read";
export type * from "./types";

const KEY = Symbol.for("recdesk.bulk.worker");

/**
 * The process's one bulk worker, on globalThis so Next's several bundles of one server share it. Every
 * instance runs one; only the holder of the "bulk-stop" lease sends (README.md).
 */
export function getBulkWorker(): Promise<BulkWorker> {
  const g = globalThis as unknown as Record<symbol, Promise<BulkWorker> | undefined>;
  g[KEY] ??= (async () => {
    const { db } = await openDatabase();
    const worker = createBulkWorker({
      db,
      concurrency: getConfig().bulkConcurrency,
      client: await getLiveClient(),
      onEvent: (e) => {
        if (e.type === "error") console.error(`[bulk] ${e.message}`);
        else if (e.type === "paused") console.warn(`[bulk] job ${e.jobId} paused: ${e.code}`);
        else if (e.type === "late-answer")
          console.warn(
            `[bulk] late answer to audit ${e.auditId} (lease lapsed meanwhile) recorded as audit ${e.lateAuditId}`,
          );
        else if (e.type === "recovered" && e.report.neverSent + e.report.resend + e.report.completedFromAudit > 0) {
          console.warn(`[bulk] recovered interrupted items: ${JSON.stringify(e.report)}`);
        }
      },
    });
    worker.start();
    return worker;
  })().catch((err: unknown) => {
    g[KEY] = undefined;
    throw err;
  });
  return g[KEY];
}

/** Start-up step: resume unfinished jobs (after recovering items a dead process left in flight). */
export async function resumeBulkJobs(): Promise<void> {
  await getBulkWorker();
}

/** A job was created or retried on this instance: start on it now rather than at the next poll. */
export async function wakeBulkWorker(): Promise<void> {
  (await getBulkWorker()).wake();
}
