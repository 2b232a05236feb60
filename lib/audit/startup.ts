import "server-only";
import { getConfig } from "@/lib/config";
import { openDatabase } from "@/lib/db";
import { loadAuditKey, resolveAuditKey } from "./key";
import { markInterruptedIntents, SHARED_DATABASE_GRACE_MS } from "./recovery";
import { scheduleAuditVerify } from "./schedule";
import { ensureKeyedChain } from "./write";
import { componentLogger } from "@/lib/observability/logger";

const holder = globalThis as unknown as { __recdeskAuditSweep?: NodeJS.Timeout; __recdeskAuditSchedule?: () => void };

/**
 * Start-up step, before anything else writes to the trail: load RECDESK_AUDIT_KEY (generated under the data
 * directory in demo mode) and key the chain if it is not keyed yet — one `audit.key` record, once per database.
 */
export async function prepareAuditKey(): Promise<void> {
  const config = getConfig();
  loadAuditKey(resolveAuditKey(config));
  await ensureKeyedChain((await openDatabase()).db);
}

/** Start-up step: the hourly (RECDESK_AUDIT_VERIFY_INTERVAL) verification that logs the head hash. */
export async function startAuditVerifySchedule(): Promise<void> {
  const { db } = await openDatabase();
  holder.__recdeskAuditSchedule ??= scheduleAuditVerify(db, getConfig().auditVerifyIntervalMs);
}

/**
 * Start-up step: intents left pending by a crash become `unknown` and show up on /audit for follow-up.
 *
 * PGlite: the data-directory lock guarantees this is the only process, so every pending intent already in
 * the database is an orphan — all are marked at once. Postgres: other live instances may be mid-call, so
 * only intents older than SHARED_DATABASE_GRACE_MS are marked, and the sweep repeats every few minutes so
 * an orphan younger than the grace period at start-up is still caught once it ages past it.
 */
export async function recoverInterruptedAudits(): Promise<void> {
  const { db, driver } = await openDatabase();
  if (driver === "pglite") {
    await markInterruptedIntents(db, { startedBefore: new Date(Date.now() + 1) });
    return;
  }
  const sweep = () => markInterruptedIntents(db, { startedBefore: new Date(Date.now() - SHARED_DATABASE_GRACE_MS) });
  await sweep();
  if (!holder.__recdeskAuditSweep) {
    holder.__recdeskAuditSweep = setInterval(() => {
      sweep().catch((err) =>
        componentLogger("audit").error(
          { event: "audit.recovery-failed" },
          `audit recovery sweep failed: ${(err as Error).message}`,
        ),
      );
    }, SHARED_DATABASE_GRACE_MS / 3);
    holder.__recdeskAuditSweep.unref();
  }
}
