import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { beginAudits, type AuditIntent } from "@/lib/audit";
import type { TaskFamily } from "@/lib/tasks/task-family";
import { RecordTaskIdSchema, TaskIdSchema } from "@/lib/tencent-live/validation";
import { acquireLease, BULK_STOP_LEASE, releaseLease } from "./lease";
import { createBatchWriter } from "./outcome-writer";
import { closeUnsent, writeOutcomes, type SentItem } from "./outcomes";
import { createPauseRule } from "./pause-rule";
import { claimItems, finalizeJobs, linkItemsToAudit, releaseItems, type ClaimedItem } from "./queue";
import { createNapper } from "./napper";
import { failInvalidTaskId, stopIntentFor } from "./stop-intent";
import { createJobContexts, type JobContext } from "./job-context";
import { recoverItems, recoverOrphans } from "./recover";
import { yieldToLoop } from "./yield-to-loop";
import { claimTasksOf, joinOtherStop, type TaskClaim } from "./task-claims";
import type { BulkWorker, BulkWorkerEvent, BulkWorkerOptions } from "./worker-types";

export type { BulkWorker, BulkWorkerEvent, BulkWorkerOptions } from "./worker-types";

// The slow family's lanes are topped up first: its 20/s limiter sets a mixed job's pace, so its queue must not
// run dry while the fast family's batch is being dispatched.
const FILL_ORDER: readonly TaskFamily[] = ["recordTask", "legacy"];

export function createBulkWorker(opts: BulkWorkerOptions): BulkWorker {
  const { db, client } = opts;
  const id = opts.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  // One lane set per family, each waiting on its own action's rate limit (StopLiveRecord 200/s, StopRecordTask
  // 20/s): items of the slow family can only fill their own lanes, never the fast family's.
  const lanes: Record<TaskFamily, number> = {
    legacy: Math.max(1, opts.concurrency ?? 48),
    recordTask: Math.max(1, opts.recordTaskConcurrency ?? 24),
  };
  const leaseTtlMs = opts.leaseTtlMs ?? 15_000;
  const idlePollMs = opts.idlePollMs ?? 1_000;
  const emit = (e: BulkWorkerEvent) => opts.onEvent?.(e);
  const counters = { sent: 0, stopped: 0, failed: 0 };
  const jobs = createJobContexts(db);
  const pauses = createPauseRule(db, (jobId, code) => emit({ type: "paused", jobId, code }));
  const joinWaitMs = opts.joinWaitMs ?? 30_000;
  let running = false;
  let stopping = false;
  let leading = false;
  const inFlight: Record<TaskFamily, number> = { legacy: 0, recordTask: 0 };
  let loopDone: Promise<void> = Promise.resolve();
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const { nap, wake } = createNapper();

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
    if (pauses.isPaused(item.jobId)) return "the job was paused";
    return null;
  }

  /**
   * A claimed batch: intents for all of it in one append (committed before any call), the items linked to
   * them in one statement, then each Stop on its own lane through the shared limiter.
   */
  async function dispatch(family: TaskFamily, items: ClaimedItem[]): Promise<void> {
    const done = (n: number) => doneIn(family, n);
    const acting = await pauses.pauseJobsOfDisabledActors([...new Set(items.map((i) => i.jobId))]);
    jobs.forgetChangedActors(acting);
    const ctxs = new Map<string, JobContext>();
    for (const item of items) if (!ctxs.has(item.jobId)) ctxs.set(item.jobId, await jobs.get(item.jobId));
    const held = new Set(items.filter((i) => holdReason(i) !== null));
    await releaseItems(db, id, [...held]);
    done(held.size);
    const sendable: { item: ClaimedItem; taskId: string; intent: AuditIntent }[] = [];
    for (const item of items) {
      if (held.has(item)) continue;
      const intent = stopIntentFor(item, ctxs.get(item.jobId)!);
      const taskId = (item.family === "recordTask" ? RecordTaskIdSchema : TaskIdSchema).safeParse(item.taskId);
      if (!taskId.success) {
        // Checked here, not at creation, so one bad TaskId fails alone and still leaves its own audit record.
        await failInvalidTaskId(db, id, item, intent, taskId.error.issues[0]?.message ?? "invalid");
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
    const auditIds = await beginAudits(
      db,
      sendable.map((s) => s.intent),
    );
    await linkItemsToAudit(
      db,
      id,
      sendable.map((s, i) => ({ itemId: s.item.id, auditId: auditIds[i]! })),
    );
    // The same claim a single Stop takes, for the whole batch in one statement (a crash from here on is
    // recovery's: it ends the claims of the items it recovers).
    const attemptAt = new Date();
    const claims = await claimTasksOf(
      db,
      sendable.map((s) => s.item),
    );
    sendable.forEach((s, i) => void send(s.item, s.taskId, auditIds[i]!, claims.get(s.item.id)!, attemptAt));
  }

  async function send(
    item: ClaimedItem,
    taskId: string,
    auditId: number,
    claim: TaskClaim,
    attemptAt: Date,
  ): Promise<void> {
    const done = (n: number) => doneIn(item.family, n);
    const why = holdReason(item);
    if (why !== null) {
      await closeUnsent(db, id, [{ item, auditId, claim }], why).catch((err: unknown) =>
        emit({ type: "error", message: `item ${item.id}: ${(err as Error).message}` }),
      );
      done(1);
      return;
    }
    if (claim === "busy") {
      // Another Stop of this task is on the wire (a single Stop, or another job's item): share its answer.
      const joined = await joinOtherStop(db, item, attemptAt, {
        waitMs: joinWaitMs,
        pollMs: Math.min(150, idlePollMs),
      }).catch(() => null);
      if (joined === null) {
        await recoverQuietly([item.id]);
        done(1);
        return;
      }
      if (joined.kind === "answer") {
        writer.push({ item, auditId, result: joined.result, claim, coalesced: true });
        return;
      }
      claim = "held";
    }
    counters.sent += 1;
    // The one place a bulk item branches on its family.
    const result =
      item.family === "recordTask"
        ? await client.stopRecordTask({ taskId })
        : await client.stopLiveRecord({ streamName: item.streamName, taskId });
    writer.push({ item, auditId, result, claim });
  }

  const writer = createBatchWriter<SentItem>(flush);

  async function flush(batch: SentItem[]): Promise<void> {
    try {
      await yieldToLoop();
      const { completed, late } = await writeOutcomes(
        db,
        id,
        batch,
        (s) => jobs.cached(s.item.jobId)?.actor.email ?? "bulk job",
      );
      // Another holder recovered these items while their Stops were on the wire (this worker's lease lapsed).
      for (const l of late) emit({ type: "late-answer", auditId: l.auditId, lateAuditId: l.lateAuditId });
      for (const s of completed) {
        if (s.result.ok) counters.stopped += 1;
        else counters.failed += 1;
      }
      // Every further Stop on this account would fail the same way: pause instead of burning the batch.
      await pauses.pauseOnAccountErrors(completed);
      // The job's last answers (this batch's lanes are the only ones left): close it now rather than after the
      // loop's next round of claims, which would find nothing. Finalizing is safe at any time.
      if (inFlight.legacy + inFlight.recordTask === batch.length) await finalize().catch(() => {});
    } catch (err) {
      emit({ type: "error", message: `writing ${batch.length} outcome(s): ${(err as Error).message}` });
      // Hand them to the same audit-based decision a crash gets, so none is stuck in `sending`.
      await recoverQuietly(batch.map((s) => s.item.id));
    } finally {
      for (const s of batch) doneIn(s.item.family, 1);
    }
  }

  /** Closes the jobs with nothing left pending or sending. */
  async function finalize(): Promise<void> {
    const finished = await finalizeJobs(db);
    if (finished.length > 0) emit({ type: "finished", jobIds: finished });
  }

  /** The audit-based decision a crash gets, for items this worker can no longer carry; never throws. */
  function recoverQuietly(itemIds: number[]) {
    return recoverItems(db, id, itemIds).catch(() => null);
  }

  function doneIn(family: TaskFamily, n: number): void {
    if (n === 0) return;
    inFlight[family] -= n;
    wake();
  }

  /** Claims and dispatches work for one family's lanes; false when they had no room or nothing was pending. */
  async function fillLanes(family: TaskFamily): Promise<{ room: boolean; claimed: number }> {
    const size = lanes[family];
    const free = size - inFlight[family];
    // Claim in batches (not one row per finished lane) unless the family's pipeline is empty.
    if (inFlight[family] > 0 && free < Math.min(8, Math.ceil(size / 2))) return { room: false, claimed: 0 };
    const claimStartedAt = Date.now();
    const items = await claimItems(db, id, free, BULK_STOP_LEASE, family);
    // The claim saw the job running again after its pause was committed: someone resumed it.
    pauses.noteClaimed([...new Set(items.map((i) => i.jobId))], claimStartedAt);
    if (items.length === 0) return { room: true, claimed: 0 };
    inFlight[family] += items.length;
    try {
      await dispatch(family, items);
    } catch (err) {
      emit({ type: "error", message: `dispatching ${items.length} item(s): ${(err as Error).message}` });
      const report = await recoverQuietly(items.map((i) => i.id));
      if (report) doneIn(family, report.neverSent + report.resend + report.completedFromAudit);
    }
    return { room: true, claimed: items.length };
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
        let claimed = 0;
        let room = false;
        for (const family of FILL_ORDER) {
          const r = await fillLanes(family);
          claimed += r.claimed;
          room ||= r.room;
        }
        if (claimed === 0) {
          if (room) await finalize();
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
      heartbeat = setInterval(
        () => {
          if (leading) void renew();
        },
        Math.max(50, Math.floor(leaseTtlMs / 3)),
      );
      heartbeat.unref?.();
      loopDone = loop();
    },
    async stop(o = {}) {
      stopping = true;
      running = false;
      wake();
      await loopDone;
      // Past the grace period (shutdown), the lease goes anyway: the next holder's recovery decides the rest.
      const deadline = performance.now() + (o.graceMs ?? Infinity);
      while (inFlight.legacy + inFlight.recordTask > 0 && performance.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      if (heartbeat) clearInterval(heartbeat);
      if (leading) {
        await releaseLease(db, BULK_STOP_LEASE, id).catch(() => {});
        emit({ type: "released" });
      }
      leading = false;
      return { inFlight: inFlight.legacy + inFlight.recordTask };
    },
    wake,
    stats: () => ({ ...counters, leading, inFlight: inFlight.legacy + inFlight.recordTask }),
  };
}
