import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { eq } from "drizzle-orm";
import { beginAudits, recordAudit, type AuditIntent } from "@/lib/audit";
import { bulkJobs } from "@/lib/db/schema/bulk";
import type { Database } from "@/lib/db/types";
import type { LiveClient } from "@/lib/tencent-live/client";
import { explainLiveError } from "@/lib/tencent-live/errors";
import { TaskIdSchema } from "@/lib/tencent-live/validation";
import { pauseJob } from "./control";
import { actingForJobs, actorDisabledReason } from "./job-actor";
import { acquireLease, BULK_STOP_LEASE, releaseLease } from "./lease";
import { closeUnsent, writeOutcomes, type SentItem } from "./outcomes";
import { claimItems, completeItem, finalizeJobs, linkItemsToAudit, releaseItems, type ClaimedItem } from "./queue";
import { recoverItems, recoverOrphans, type RecoveryReport } from "./recover";
import { ACTOR_DISABLED_CODE } from "./types";

export interface BulkWorkerOptions {
  db: Database;
  client: Pick<LiveClient, "stopLiveRecord">;
  workerId?: string;
  /**
   * Stops in flight at once (default 48; RECDESK_BULK_CONCURRENCY). 200/s at 100 ms upstream latency needs 20;
   * the rest covers the batched database writes and retries. Lanes are cheap: a lane waiting on Tencent or on
   * the limiter holds no connection, and its writes are batched with the others'.
   */
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
  | { type: "late-answer"; auditId: number; lateAuditId: number }
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

/** Who asked for the job, from where and why: every item's audit record carries it. */
interface JobContext {
  reason: string;
  actor: AuditIntent["actor"];
  clientIp?: string;
  userAgent?: string;
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
      const resumed = job?.resumedByEmail != null;
      ctx = {
        reason: job?.reason ?? "",
        actor: resumed
          ? { userId: job.resumedByUserId ?? undefined, email: job.resumedByEmail!, role: job.resumedByRole }
          : { userId: job?.createdByUserId ?? undefined, email: job?.createdByEmail, role: job?.createdByRole },
        clientIp: job?.clientIp ?? undefined,
        userAgent: job?.userAgent ?? undefined,
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

  /** Why a claimed item must not be sent now, or null when it may go. */
  function holdReason(item: ClaimedItem): string | null {
    if (stopping) return "the worker is shutting down";
    if (!leading) return "this instance lost the bulk-stop lease";
    if (paused.has(item.jobId)) return "the job was paused";
    return null;
  }

  /**
   * A claimed batch: intents for all of it in one append (committed before any call), the items linked to
   * them in one statement, then each Stop on its own lane through the shared limiter.
   */
  async function dispatch(items: ClaimedItem[]): Promise<void> {
    await pauseJobsOfDisabledActors([...new Set(items.map((i) => i.jobId))]);
    const ctxs = new Map<string, JobContext>();
    for (const item of items) if (!ctxs.has(item.jobId)) ctxs.set(item.jobId, await jobContext(item.jobId));
    const held = new Set(items.filter((i) => holdReason(i) !== null));
    await releaseItems(db, id, [...held]);
    done(held.size);
    const sendable: { item: ClaimedItem; taskId: string; intent: AuditIntent }[] = [];
    for (const item of items) {
      if (held.has(item)) continue;
      const ctx = ctxs.get(item.jobId)!;
      const intent: AuditIntent = {
        actor: ctx.actor,
        action: "task.stop",
        target: { domainName: item.domainName, appName: item.appName, streamName: item.streamName, taskId: item.taskId },
        reason: ctx.reason,
        jobId: item.jobId,
        clientIp: ctx.clientIp,
        userAgent: ctx.userAgent,
        // A recovered item still points at its interrupted intent; the new record names it.
        details: item.auditId === null ? { bulkItemId: item.id } : { bulkItemId: item.id, resendOf: item.auditId },
      };
      const taskId = TaskIdSchema.safeParse(item.taskId);
      if (!taskId.success) {
        // Checked here, not at creation, so one bad TaskId fails alone and still leaves its own audit record.
        const message = `TaskId "${item.taskId}": ${taskId.error.issues[0]?.message ?? "invalid"}`;
        const auditId = await recordAudit(db, { ...intent, details: { bulkItemId: item.id } }, { outcome: "invalid", errorCode: "RecDesk.InvalidInput", errorMessage: message });
        await completeItem(db, id, item.id, { state: "failed", errorCode: "RecDesk.InvalidInput", errorMessage: message, auditId });
        counters.failed += 1;
        done(1);
        continue;
      }
      sendable.push({ item, taskId: taskId.data, intent });
    }
    if (sendable.length === 0) return;
    await yieldToLoop();
    // A crash after this commit and before the link leaves intents no item points at: recovery finds them by
    // bulkItemId, closes them as not sent, and queues the items again.
    const auditIds = await beginAudits(db, sendable.map((s) => s.intent));
    await linkItemsToAudit(db, id, sendable.map((s, i) => ({ itemId: s.item.id, auditId: auditIds[i]! })));
    sendable.forEach((s, i) => void send(s.item, s.taskId, auditIds[i]!));
  }

  /**
   * A job acts for a person (its creator, or whoever resumed it): once that account is disabled, the job pauses
   * with that reason instead of sending more Stops in the name of someone no longer allowed to act.
   */
  async function pauseJobsOfDisabledActors(jobIds: string[]): Promise<void> {
    const acting = await actingForJobs(db, jobIds);
    for (const a of acting.values()) {
      // A resume in someone else's name changes who the job acts for: forget the cached identity.
      if (jobs.get(a.jobId)?.actor.email !== a.email) jobs.delete(a.jobId);
      if (!a.disabled || paused.has(a.jobId)) continue;
      paused.set(a.jobId, null);
      await pauseJob(db, a.jobId, actorDisabledReason(a.email));
      paused.set(a.jobId, Date.now());
      emit({ type: "paused", jobId: a.jobId, code: ACTOR_DISABLED_CODE });
    }
  }

  async function send(item: ClaimedItem, taskId: string, auditId: number): Promise<void> {
    const why = holdReason(item);
    if (why !== null) {
      await closeUnsent(db, id, [{ item, auditId }], why).catch((err: unknown) => emit({ type: "error", message: `item ${item.id}: ${(err as Error).message}` }));
      done(1);
      return;
    }
    counters.sent += 1;
    const result = await client.stopLiveRecord({ streamName: item.streamName, taskId });
    answered.push({ item, auditId, result });
    flushSoon();
  }

  // Answers wait here for one writer, which takes everything that arrived while it was busy: under load the
  // batches grow by themselves, and an idle worker writes each answer at once.
  const answered: SentItem[] = [];
  let flushing = false;
  function flushSoon(): void {
    if (flushing) return;
    flushing = true;
    void (async () => {
      while (answered.length > 0) await flush(answered.splice(0, 500));
    })().finally(() => {
      flushing = false;
      if (answered.length > 0) flushSoon();
    });
  }

  async function flush(batch: SentItem[]): Promise<void> {
    try {
      await yieldToLoop();
      const { completed, late } = await writeOutcomes(db, id, batch, (s) => jobs.get(s.item.jobId)?.actor.email ?? "bulk job");
      // Another holder recovered these items while their Stops were on the wire (this worker's lease lapsed).
      for (const l of late) emit({ type: "late-answer", auditId: l.auditId, lateAuditId: l.lateAuditId });
      for (const s of completed) {
        if (s.result.ok) counters.stopped += 1;
        else counters.failed += 1;
      }
      for (const s of completed) {
        const r = s.result;
        if (r.ok || paused.has(s.item.jobId) || !explainLiveError(r.code).accountLevel) continue;
        // Every further Stop on this account would fail the same way: pause instead of burning the batch.
        paused.set(s.item.jobId, null);
        const e = explainLiveError(r.code, r.message);
        await pauseJob(db, s.item.jobId, `${r.code}: ${e.title}. ${e.nextStep}`);
        paused.set(s.item.jobId, Date.now());
        emit({ type: "paused", jobId: s.item.jobId, code: r.code });
      }
    } catch (err) {
      emit({ type: "error", message: `writing ${batch.length} outcome(s): ${(err as Error).message}` });
      // Hand them to the same audit-based decision a crash gets, so none is stuck in `sending`.
      await recoverItems(db, id, batch.map((s) => s.item.id)).catch(() => {});
    } finally {
      done(batch.length);
    }
  }

  function done(n: number): void {
    if (n === 0) return;
    inFlight -= n;
    wake();
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
        const items = await claimItems(db, id, free, BULK_STOP_LEASE);
        for (const item of items) {
          const p = paused.get(item.jobId);
          // The claim saw the job running again after its pause was committed: someone resumed it.
          if (p !== undefined && p !== null && claimStartedAt > p) paused.delete(item.jobId);
        }
        if (items.length > 0) {
          inFlight += items.length;
          try {
            await dispatch(items);
          } catch (err) {
            emit({ type: "error", message: `dispatching ${items.length} item(s): ${(err as Error).message}` });
            // Whatever did not get a lane goes through the audit-based decision a crash gets.
            const report = await recoverItems(db, id, items.map((i) => i.id)).catch(() => null);
            if (report) done(report.neverSent + report.resend + report.completedFromAudit);
          }
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
