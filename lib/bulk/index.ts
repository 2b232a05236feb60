import "server-only";
import { getConfig } from "@/lib/config";
import { openDatabase } from "@/lib/db";
import { getLiveClient } from "@/lib/tencent-live";
import { logBulkEvent } from "./log-events";
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
      onEvent: logBulkEvent,
    });
    worker.start();
    return worker;
  })().catch((err: unknown) => {
    g[KEY] = undefined;
    throw err;
  });
  return g[KEY];
}

/** The worker if this process started one (the readiness probe and shutdown must not start it). */
export function runningBulkWorker(): Promise<BulkWorker | undefined> {
  const g = globalThis as unknown as Record<symbol, Promise<BulkWorker> | undefined>;
  return g[KEY]?.catch(() => undefined) ?? Promise.resolve(undefined);
}

/** Start-up step: resume unfinished jobs (after recovering items a dead process left in flight). */
export async function resumeBulkJobs(): Promise<void> {
  await getBulkWorker();
}

/** A job was created or retried on this instance: start on it now rather than at the next poll. */
export async function wakeBulkWorker(): Promise<void> {
  (await getBulkWorker()).wake();
}
