import "server-only";
import { openDatabase } from "@/lib/db";
import { markInterruptedIntents, SHARED_DATABASE_GRACE_MS } from "./recovery";

const holder = globalThis as unknown as { __recdeskAuditSweep?: NodeJS.Timeout };

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
      sweep().catch((err) => console.error(`audit recovery sweep failed: ${(err as Error).message}`));
    }, SHARED_DATABASE_GRACE_MS / 3);
    holder.__recdeskAuditSweep.unref();
  }
}
