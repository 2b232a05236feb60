import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/types";
import { auditRecords } from "@/lib/db/schema/audit";
import { componentLogger } from "@/lib/observability/logger";
import { describeBroken, runAuditedVerify, VerifyAlreadyRunningError } from "./integrity";

/** How the schedule signs its records in the trail (it has no user). */
export const SCHEDULE_ACTOR = "recdesk:schedule";

export interface VerifyLog {
  info(message: string): void;
  error(message: string): void;
}

/** The scheduled verification's lines (head hash included) as structured log lines. */
function verifyLog(): VerifyLog {
  const log = componentLogger("audit");
  return {
    info: (message) => log.info({ event: "audit.verify" }, message),
    error: (message) => log.error({ event: "audit.verify" }, message),
  };
}

/**
 * Verifies the chain every `intervalMs` and writes the head hash to the server log each time: the log leaves
 * the database (journald, a log service), so an anchor exists outside it without anyone clicking. Shares the
 * page's one-at-a-time lease, so a run that finds another in progress is skipped, not queued; and with several
 * instances on one Postgres, one that finds a scheduled verification younger than most of an interval (another
 * instance's) skips its turn, so the chain is verified about once per interval, not once per instance.
 * Returns a function that stops the schedule.
 */
export function scheduleAuditVerify(db: Database, intervalMs: number, log: VerifyLog = verifyLog()): () => void {
  if (intervalMs <= 0) return () => {};
  const timer = setInterval(() => void runScheduledVerify(db, log, intervalMs), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

export async function runScheduledVerify(db: Database, log: VerifyLog = verifyLog(), intervalMs = 0): Promise<void> {
  try {
    const recent = intervalMs > 0 ? await latestScheduledVerify(db, intervalMs * 0.9) : null;
    if (recent) {
      log.info(
        `RecDesk audit verify: skipped, verification record #${recent} (another instance) is less than an interval old`,
      );
      return;
    }
    const r = await runAuditedVerify(db, { origin: {}, system: SCHEDULE_ACTOR });
    if (r.intact) {
      log.info(
        `RecDesk audit verify: intact, ${r.checked} records in ${r.durationMs} ms; head #${r.headId} ${r.headHash} (verification record #${r.auditId})`,
      );
    } else {
      log.error(
        `RecDesk audit verify: BROKEN, ${describeBroken(r)}; last good head unknown, checked ${r.checked} records (verification record #${r.auditId})`,
      );
    }
  } catch (err) {
    if (err instanceof VerifyAlreadyRunningError)
      log.info("RecDesk audit verify: skipped, another verification is running");
    else log.error(`RecDesk audit verify failed: ${(err as Error).message}`);
  }
}

async function latestScheduledVerify(db: Database, withinMs: number): Promise<number | null> {
  const [row] = await db
    .select({ id: auditRecords.id })
    .from(auditRecords)
    .where(
      and(
        eq(auditRecords.action, "audit.verify"),
        eq(auditRecords.actorEmail, SCHEDULE_ACTOR),
        sql`${auditRecords.at} > now() - make_interval(secs => ${withinMs / 1000})`,
      ),
    )
    .orderBy(desc(auditRecords.id))
    .limit(1);
  return row?.id ?? null;
}
