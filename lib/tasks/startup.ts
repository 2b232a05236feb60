import "server-only";
import { getConfig } from "@/lib/config";
import { openDatabase } from "@/lib/db";
import { ensureDemoSimulator } from "@/lib/tencent-live/demo-simulator";
import { seedDemoTasks } from "./demo-seed";
import { releaseOrphanedStopClaims, STOP_CLAIM_LEASE_MS } from "./stop-claim";

/**
 * Start-up step for the task registry (idempotent):
 * - Stop claims left by a crash are released. On PGlite this process is the only one, so every claim is an
 *   orphan; on a shared Postgres only claims older than the lease are, as another instance may be mid-call.
 * - In demo mode, the simulator's seeded tasks are registered (insert-if-absent).
 */
export async function prepareTaskRegistry(): Promise<void> {
  const { db, driver } = await openDatabase();
  const before = driver === "pglite" ? new Date(Date.now() + 1) : new Date(Date.now() - STOP_CLAIM_LEASE_MS);
  await releaseOrphanedStopClaims(db, before);
  if (getConfig().demoMode) {
    const sim = await ensureDemoSimulator();
    await seedDemoTasks(db, await sim.listTasks());
  }
}
