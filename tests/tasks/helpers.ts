import { asc, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { auditRecords } from "@/lib/db/schema/audit";
import { users } from "@/lib/db/schema/users";
import type { Database, OpenDatabase } from "@/lib/db/types";
import { seedDemoTasks } from "@/lib/tasks";
import type { LiveClient } from "@/lib/tencent-live/client";
import type { Simulator } from "@/lib/tencent-live/simulator";
import type { TaskActionContext } from "@/lib/tasks/actor";
import { clientFor, simulator } from "../tencent-live/helpers";
import { openTestDb, type Driver } from "../helpers/test-db";

export const support: TaskActionContext = {
  actor: { userId: "5b0e3c61-0000-4000-8000-000000000001", email: "support@recdesk.local", role: "support" },
  origin: { clientIp: "203.0.113.7", userAgent: "vitest" },
};
export const oncall: TaskActionContext = {
  actor: { userId: "5b0e3c61-0000-4000-8000-000000000002", email: "oncall@recdesk.local", role: "oncall" },
  origin: { clientIp: "203.0.113.8", userAgent: "vitest" },
};

/** Reset options that undo any per-test reseeding (the simulator remembers the last reset's options). */
export const SIM_SEED = { tasks: 24, taskIdBase: "16093104850681751583" };

/**
 * Upstream latency for tests of two Stops at once: the first call stays in flight long enough that the second
 * Stop's claim attempt lands during it, even when the second waits for a new pool connection on a loaded machine.
 * Without it the first Stop can finish before the second starts, which is an "already stopped", not a coalesced one.
 */
export const IN_FLIGHT_MS = 400;

/** A real simulator and a real client pointed at it; retries kept short so error paths stay quick. */
export async function liveFixture(
  o: Parameters<typeof simulator>[0] = {},
): Promise<{ sim: Simulator; client: LiveClient; getClient: () => Promise<LiveClient> }> {
  const sim = await simulator({ ...SIM_SEED, ...o });
  const client = clientFor(sim, { timeoutMs: 800, maxRetries: 1 });
  return { sim, client, getClient: async () => client };
}

export async function auditFor(db: Database, taskId: string) {
  return db.select().from(auditRecords).where(eq(auditRecords.taskId, taskId)).orderBy(asc(auditRecords.id));
}

/** The people in the contexts above exist as users (tasks reference who created them). */
export async function insertActors(db: Database): Promise<void> {
  for (const c of [support, oncall]) {
    await db
      .insert(users)
      .values({ id: c.actor.userId!, email: c.actor.email!, name: c.actor.email!, role: c.actor.role as "support" })
      .onConflictDoNothing();
  }
}

/**
 * The set-up the task tests share: one simulator for the file (reset to SIM_SEED before each test), and a fresh
 * database per test with the actors in it and, unless `seed: false`, the simulator's tasks in the registry. Read
 * `opened` and `live` inside tests and hooks: they are replaced before each test.
 */
export function useTaskFixture(driver: Driver, { seed = true }: { seed?: boolean } = {}) {
  const state = {} as { opened: OpenDatabase; live: Awaited<ReturnType<typeof liveFixture>> };
  beforeAll(async () => {
    state.live = await liveFixture();
  });
  afterAll(async () => {
    await state.live.sim.close();
  });
  beforeEach(async () => {
    state.live.sim.reset(SIM_SEED);
    state.live.sim.clearFaults();
    state.live.sim.setLatency(0); // reset() keeps latency, and a failed test may not have set it back
    state.opened = await openTestDb(driver);
    await insertActors(state.opened.db);
    if (seed) await seedDemoTasks(state.opened.db, state.live.sim.listTasks());
  });
  afterEach(async () => {
    await state.opened.close();
  });
  return state;
}
