import { and, asc, eq, gt, lt } from "drizzle-orm";
import type { Database } from "@/lib/db/types";
import { auditRecords } from "@/lib/db/schema/audit";
import { AuditAlreadyFinishedError, finishAudit } from "./finish";

export const INTERRUPTED_CODE = "RecDesk.AuditInterrupted";
export const INTERRUPTED_MESSAGE =
  "The server stopped between writing this intent and its outcome, so whether Tencent Cloud acted is unknown. " +
  "Check the task on Tencent Cloud (or its state in RecDesk) and follow up.";

/**
 * On Postgres several RecDesk instances may share the audit table, and a pending intent there may belong to a
 * live instance that is mid-call. One upstream call lasts at most the client timeout times its retries plus
 * rate-limit waiting — minutes, not a quarter of an hour — so an intent older than this is orphaned.
 */
export const SHARED_DATABASE_GRACE_MS = 15 * 60_000;

/**
 * Marks pending intents written before `startedBefore` as `unknown`. Their `at` (when they started) is kept —
 * the trigger allows nothing else — and `finished_at` says when the crash was noticed. Idempotent; safe to
 * race with another instance doing the same (the loser skips the record).
 */
export async function markInterruptedIntents(
  db: Database,
  opts: { startedBefore: Date; recoveredBy?: string; batchSize?: number },
): Promise<number[]> {
  const batchSize = opts.batchSize ?? 500;
  const marked: number[] = [];
  let afterId = 0;
  for (;;) {
    const pending = await db
      .select({ id: auditRecords.id, at: auditRecords.at })
      .from(auditRecords)
      .where(
        and(eq(auditRecords.outcome, "pending"), lt(auditRecords.at, opts.startedBefore), gt(auditRecords.id, afterId)),
      )
      .orderBy(asc(auditRecords.id))
      .limit(batchSize);
    for (const row of pending) {
      try {
        await finishAudit(db, row.id, {
          outcome: "unknown",
          errorCode: INTERRUPTED_CODE,
          errorMessage: INTERRUPTED_MESSAGE,
          details: { startedAt: row.at.toISOString(), recoveredBy: opts.recoveredBy ?? "startup" },
        });
        marked.push(row.id);
      } catch (err) {
        if (!(err instanceof AuditAlreadyFinishedError)) throw err;
      }
    }
    if (pending.length < batchSize) return marked;
    afterId = pending[pending.length - 1]!.id;
  }
}
