import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { eq, sql } from "drizzle-orm";
import { beginAudit, finishAudit, recordAudit, type AuditIntent } from "@/lib/audit";
import { bulkJobs } from "@/lib/db/schema/bulk";
import type { Database } from "@/lib/db/types";
import type { LiveClient } from "@/lib/tencent-live/client";
import { explainLiveError } from "@/lib/tencent-live/errors";
import { TaskIdSchema } from "@/lib/tencent-live/validation";
import { pauseJob } from "./control";
import { acquireLease, BULK_STOP_LEASE, releaseLease } from "./lease";
import { claimItems, completeItem, finalizeJobs, releaseItems, type ClaimedItem } from "./queue";
import { recoverItems, recoverOrphans, type RecoveryReport } from "./recover";
import { recordStopOnTask } from "./task-registry";

/**
 * Stops in flight at once when RECDESK_BULK_CONCURRENCY does not say. 200/s at 100 ms upstream latency needs
 * at least 20 lanes; PGlite runs every query on this one thread, so past 16 lanes they only queue behind
 * each other, while a Postgres pool takes more.
 */
export function defaultBulkConcurrency(driver: "pglite" | "postgres"): number {
  return driver === "pglite" ? 16 : 48;
}

export interface BulkWorkerOptions {
  db: Database;
  client: Pick<LiveClient, "stopLiveRecord">;
  workerId?: string;
  /** Stops in flight at once. 200/s at 100 ms upstream latency needs ≥ 20; the rest covers DB writes and retries. */
  concurrency?: number;
  /** How long the lease lasts without renewal; a dead holder's jobs resume this long after it died. */
  leaseTtlMs?: number;
  /** How often an idle worker (or one waiting for the lease) looks for work from other instances. */
  idlePollMs?: number;
  onEvent?: (e: BulkWorkerEvent) => void;
}

export type BulkWorkerEvent =
  | { type: "lease"; acquired: boolean }
  | { type: "recovered"; report: RecoveryReport }
  | { type: "paused"; jobId: string; code: string }
  | { type: "finished"; jobIds: string[] }
  | { type: "error"; message: string };

export interface BulkWorker {
  readonly id: string;
  start(): void;
  /** Stops claiming, lets in-flight Stops finish and record their outcome, then gives the lease up. */
  stop(): Promise<void>;
  /** Something changed (a job was created or retried): look for work now instead of at the next poll. */
  wake(): void;
  stats(): { sent: number; stopped: number; failed: number; leading: boolean; inFlight: number };
}

interface JobContext {
  reason: string;
  actor: AuditIntent["actor"];
}

export function createBulkWorker(opts: BulkWorkerOptions): BulkWorker {
  const { db, client } = opts;
  const id = opts.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const concurrency = Math.max(1, opts.concurrency ?? 48);
  const leaseTtlMs = opts.leaseTtlMs ?? 15_000;
  const idlePollMs = opts.idlePollMs ?? 1_000;
  const emit = (e: BulkWorkerEvent) => opts.onEvent?.(e);
  const counters = { sent: 0, stopped: 0, failed: 0 };
  const jobs = new Map<string, JobContext>();
  // jobId → when its pause was committed (null while committing): items claimed before that are handed back.
  const paused = new Map<string, number | null>();
  let running = false;
  let stopping = false;
  let leading = false;
  let inFlight = 0;
  let loopDone: Promise<void> = Promise.resolve();
  let wakeUp: (() => void) | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  function wake() {
    wakeUp?.();
  }

  function nap(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });
  }

  async function jobContext(jobId: string): Promise<JobContext> {
    let ctx = jobs.get(jobId);
    if (!ctx) {
      const [job] = await db.select().from(bulkJobs).where(eq(bulkJobs.id, jobId));
      ctx = {
        reason: job?.reason ?? "",
        actor: { userId: job?.createdByUserId ?? undefined, email: job?.createdByEmail, role: job?.createdByRole },
      };
      jobs.set(jobId, ctx);
    }
    return ctx;
  }

  async function renew(): Promise<boolean> {
    const held = await acquireLease(db, BULK_STOP_LEASE, id, leaseTtlMs).catch(() => false);
    if (held !== leading) emit({ type: "lease", acquired: held });
    leading = held;
    return held;
  }

  async function sendItem(item: ClaimedItem): Promise<void> {
    const ctx = await jobContext(item.jobId);
    if (!leading || stopping || paused.has(item.jobId)) {
      await releaseItems(db, id, [item.id]);
      return;
    }
    const intent: AuditIntent = {
      actor: ctx.actor,
      action: "task.stop",
      target: { domainName: item.domainName, appName: item.appName, streamName: item.streamName, taskId: item.taskId },
      reason: ctx.reason,
      jobId: item.jobId,
      details: { bulkItemId: item.id },
    };
    const taskId = TaskIdSchema.safeParse(item.taskId);
    if (!taskId.success) {
      // Checked here, not at creation, so one bad TaskId fails alone and still leaves its own audit record.
      const message = `TaskId "${item.taskId}": ${taskId.error.issues[0]?.message ?? "invalid"}`;
      const auditId = await recordAudit(db, intent, { outcome: "invalid", errorCode: "RecDesk.InvalidInput", errorMessage: message });
      await completeItem(db, id, item.id, { state: "failed", errorCode: "RecDesk.InvalidInput", errorMessage: message, auditId });
      counters.failed += 1;
      return;
    }
    // A recovered item still points at its interrupted intent; the new record names it.
    const resendOf = item.auditId;
    await yieldToLoop();
    // The intent commits on its own, then the item points at it, then the call: the audit chain's lock is
    // held only for the append, which is what bounds throughput. A crash between the two leaves an unlinked
    // intent, and the item (no audit_id) is certainly unsent; recovery closes that intent as not sent.
    const auditId = await beginAudit(db, resendOf === null ? intent : { ...intent, details: { ...intent.details, resendOf } });
    await db.execute(sql`update bulk_items set audit_id = ${auditId} where id = ${item.id} and claimed_by = ${id} and state = 'sending'`);
    counters.sent += 1;
    const r = await client.stopLiveRecord({ streamName: item.streamName, taskId: taskId.data });
    await yieldToLoop();
    await finishAudit(db, auditId, {
      outcome: r.ok ? "ok" : "error",
      requestId: r.requestId,
      errorCode: r.ok ? undefined : r.code,
      errorMessage: r.ok ? undefined : r.message,
      latencyMs: r.latencyMs,
      details: { bulkItemId: item.id, attempts: r.attempts },
    }).catch((err: unknown) => {
      // Only if another holder recovered this item meanwhile (its claim is gone, so completeItem below
      // records nothing); the outcome is still logged for the operator.
      emit({ type: "error", message: `audit ${auditId} for item ${item.id}: ${(err as Error).message}` });
    });
    const outcome = r.ok
      ? ({ state: "stopped", requestId: r.requestId, auditId } as const)
      : ({ state: "failed", requestId: r.requestId, errorCode: r.code, errorMessage: r.message, auditId } as const);
    await yieldToLoop();
    if (!(await completeItem(db, id, item.id, outcome))) return;
    if (r.ok) counters.stopped += 1;
    else counters.failed += 1;
    await yieldToLoop();
    await recordStopOnTask(db, { taskId: item.taskId, ok: r.ok, requestId: r.requestId, errorCode: r.ok ? undefined : r.code, errorMessage: r.ok ? undefined : r.message, by: ctx.actor.email ?? "bulk job" });
    if (!r.ok && explainLiveError(r.code).accountLevel && !paused.has(item.jobId)) {
      // Every further Stop on this account would fail the same way: pause instead of burning the batch.
      paused.set(item.jobId, null);
      const e = explainLiveError(r.code, r.message);
      await pauseJob(db, item.jobId, `${r.code}: ${e.title}. ${e.nextStep}`);
      paused.set(item.jobId, Date.now());
      emit({ type: "paused", jobId: item.jobId, code: r.code });
    }
  }

  async function loop(): Promise<void> {
    while (running) {
      try {
        if (!leading) {
          if (await renew()) emit({ type: "recovered", report: await recoverOrphans(db, id) });
          else {
            await nap(Math.min(idlePollMs, leaseTtlMs / 3));
            continue;
          }
        }
        const free = concurrency - inFlight;
        // Claim in batches (not one row per finished lane) unless the pipeline is empty.
        if (inFlight > 0 && free < Math.min(8, concurrency)) {
          await nap(idlePollMs);
          continue;
        }
        const claimStartedAt = Date.now();
        const items = await claimItems(db, id, free);
        for (const item of items) {
          const p = paused.get(item.jobId);
          // The claim saw the job running again after its pause was committed: someone resumed it.
          if (p !== undefined && p !== null && claimStartedAt > p) paused.delete(item.jobId);
          inFlight += 1;
          void sendItem(item)
            .catch(async (err: unknown) => {
              emit({ type: "error", message: `item ${item.id}: ${(err as Error).message}` });
              // Hand it to the same audit-based decision a crash gets, so it is not stuck in `sending`.
              await recoverItems(db, id, [item.id]).catch(() => {});
            })
            .finally(() => {
              inFlight -= 1;
              wake();
            });
        }
        if (items.length === 0) {
          const finished = await finalizeJobs(db);
          if (finished.length > 0) emit({ type: "finished", jobIds: finished });
          // Lanes wake us as they finish; the timeout picks up jobs created on another instance.
          await nap(idlePollMs);
        }
      } catch (err) {
        emit({ type: "error", message: (err as Error).message });
        await nap(idlePollMs);
      }
    }
  }

  return {
    id,
    start() {
      if (running) return;
      running = true;
      stopping = false;
      heartbeat = setInterval(() => {
        if (leading) void renew();
      }, Math.max(50, Math.floor(leaseTtlMs / 3)));
      heartbeat.unref?.();
      loopDone = loop();
    },
    async stop() {
      stopping = true;
      running = false;
      wake();
      await loopDone;
      while (inFlight > 0) await new Promise((r) => setTimeout(r, 20));
      if (heartbeat) clearInterval(heartbeat);
      if (leading) await releaseLease(db, BULK_STOP_LEASE, id).catch(() => {});
      leading = false;
    },
    wake,
    stats: () => ({ ...counters, leading, inFlight }),
  };
}

/**
 * PGlite runs each query synchronously on this thread and resolves it as a microtask, so dozens of lanes
 * chaining queries can keep timers and sockets waiting for seconds (long enough for the client's own
 * timeouts to fire on answers that already arrived). A macrotask hop between steps lets I/O through.
 */
function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
