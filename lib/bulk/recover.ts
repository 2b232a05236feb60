import { sql, type SQL } from "drizzle-orm";
import { finishAudit } from "@/lib/audit";
import type { Database } from "@/lib/db/types";
import { releaseTasksOfOrphans } from "./task-claims";
import { recordStopOnTask } from "./task-registry";

/** The audit module's code for an intent whose process died before its outcome (lib/audit/recovery.ts). */
const INTERRUPTED_CODE = "RecDesk.AuditInterrupted";
const NOT_SENT_CODE = "RecDesk.NotSent";

export interface RecoveryReport {
  /** Claimed but the audit intent was never written: certainly not sent. */
  neverSent: number;
  /** Intent written, no outcome: may or may not have reached Tencent; sent again (at-least-once, see README). */
  resend: number;
  /** Outcome already in the audit record: copied onto the item, not sent again. */
  completedFromAudit: number;
}

/**
 * Items left `sending` by a worker that is gone (a crash, a SIGKILL, an instance whose lease expired).
 * Runs only while `workerId` holds the lease, so the previous holder has stopped claiming. The audit record
 * decides each item's fate, because the intent is committed (with the item's link to it) before the call
 * and the outcome after it.
 */
export function recoverOrphans(db: Database, workerId: string): Promise<RecoveryReport> {
  return recover(db, sql`i.claimed_by is distinct from ${workerId}`);
}

/** The same decision for this worker's own items whose processing threw (e.g. the database blinked). */
export function recoverItems(db: Database, workerId: string, itemIds: number[]): Promise<RecoveryReport> {
  if (itemIds.length === 0) return Promise.resolve({ neverSent: 0, resend: 0, completedFromAudit: 0 });
  return recover(
    db,
    sql`i.claimed_by = ${workerId} and i.id in (${sql.join(
      itemIds.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
}

type Row = {
  id: string | number;
  job_id: string;
  audit_id: string | number | null;
  outcome: string | null;
  task_id: string;
  request_id: string | null;
  error_code: string | null;
  error_message: string | null;
  actor_email: string | null;
};

async function recover(db: Database, which: SQL): Promise<RecoveryReport> {
  const report: RecoveryReport = { neverSent: 0, resend: 0, completedFromAudit: 0 };
  // Before the items lose their claimed_at (the key of their tasks' claims), or single Stops would wait on them.
  await releaseTasksOfOrphans(db, which);
  const orphans = await db.execute(sql`
    select i.id, i.job_id, i.audit_id, a.outcome, i.task_id, a.request_id, a.error_code, a.error_message, a.actor_email
    from bulk_items i left join audit_records a on a.id = i.audit_id
    where i.state = 'sending' and ${which}`);
  for (const r of orphans.rows as unknown as Row[]) {
    const itemId = Number(r.id);
    // A not-sent record (left linked by releases before the fix in queue.ts) says nothing went out.
    if (r.audit_id === null || r.error_code === NOT_SENT_CODE) {
      await closeUnlinkedIntents(db, r.job_id, r.task_id, itemId);
      await setPending(db, itemId, which, true);
      report.neverSent += 1;
    } else if (r.outcome === "pending" || r.outcome === "unknown") {
      // The Stop may have reached Tencent. Sending it again is the lesser harm: a repeated Stop of a stopped
      // task changes nothing, while a runaway recording left running costs money every minute.
      if (r.outcome === "pending") {
        await finishAudit(db, Number(r.audit_id), {
          outcome: "unknown",
          errorCode: INTERRUPTED_CODE,
          errorMessage:
            "The bulk worker stopped between writing this intent and its outcome; the Stop is sent again under a new audit record.",
          details: { bulkItemId: itemId, recovery: "resend" },
        }).catch(() => {}); // the audit start-up sweep may have finished it first; either way it is no longer pending
      }
      // A later intent for this item that its worker never linked (it died in between) was not sent either.
      await closeUnlinkedIntents(db, r.job_id, r.task_id, itemId);
      await setPending(db, itemId, which, false);
      report.resend += 1;
    } else {
      const ok = r.outcome === "ok";
      const moved = await db.execute(sql`
        update bulk_items i set state = ${ok ? "stopped" : "failed"}, request_id = ${r.request_id},
          error_code = ${ok ? null : (r.error_code ?? r.outcome)}, error_message = ${r.error_message}, finished_at = now(), claimed_by = null
        where i.id = ${itemId} and i.state = 'sending' and ${which} returning i.id`);
      if (moved.rows.length === 0) continue;
      await recordStopOnTask(db, {
        taskId: r.task_id,
        ok,
        requestId: r.request_id ?? undefined,
        errorCode: r.error_code ?? undefined,
        errorMessage: r.error_message ?? undefined,
        by: r.actor_email ?? "bulk job",
      });
      report.completedFromAudit += 1;
    }
  }
  return report;
}

/** Back to the queue. A resend keeps audit_id, pointing at the interrupted intent the new record follows up; an unsent item points at nothing. */
async function setPending(db: Database, itemId: number, which: SQL, neverSent: boolean): Promise<void> {
  await db.execute(sql`
    update bulk_items i set state = 'pending', claimed_by = null, claimed_at = null
      ${neverSent ? sql`, attempts = greatest(i.attempts - 1, 0), audit_id = null` : sql``}
    where i.id = ${itemId} and i.state = 'sending' and ${which}`);
}

/** An intent committed just before its worker died and before the item pointed at it: nothing was sent. */
async function closeUnlinkedIntents(db: Database, jobId: string, taskId: string, itemId: number): Promise<void> {
  const r = await db.execute(sql`
    select id from audit_records
    where job_id = ${jobId}::uuid and task_id = ${taskId} and action = 'task.stop' and outcome = 'pending'
      and details->>'bulkItemId' = ${String(itemId)}`);
  for (const row of r.rows as { id: string | number }[]) {
    await finishAudit(db, Number(row.id), {
      outcome: "error",
      errorCode: NOT_SENT_CODE,
      errorMessage:
        "The bulk worker stopped after writing this intent but before sending the Stop; the item was queued again.",
      details: { bulkItemId: itemId, recovery: "not-sent" },
    }).catch(() => {});
  }
}
