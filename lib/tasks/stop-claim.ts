import { and, eq, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/types";
import { recordingTasks, type RecordingTask } from "@/lib/db/schema/tasks";
import { outcomeColumns, type ActionOutcome } from "./task-rows";

/** A Stop claim older than this is treated as abandoned (the process died mid-call) and may be taken over. */
export const STOP_CLAIM_LEASE_MS = 5 * 60_000;

/**
 * Takes the Stop claim: one conditional UPDATE, so of any number of simultaneous Stops exactly one gets the row
 * back and makes the upstream call. A claim older than the lease is considered abandoned.
 */
export async function claimStop(db: Database, taskId: string, now = new Date()): Promise<RecordingTask | null> {
  const t = recordingTasks;
  const leaseStart = new Date(now.getTime() - STOP_CLAIM_LEASE_MS);
  const [row] = await db
    .update(t)
    .set({ stoppingSince: now, updatedAt: now })
    .where(
      and(
        eq(t.taskId, taskId),
        sql`${t.state} <> 'stopped'`,
        or(isNull(t.stoppingSince), lt(t.stoppingSince, leaseStart)),
      ),
    )
    .returning();
  return row ?? null;
}

type ReleaseSet = Partial<Pick<RecordingTask, "state" | "stoppedAt">> & { outcome?: ActionOutcome };

/** Ends the claim taken at `claimedAt` (and only that one, should a takeover have happened) with its outcome. */
export async function releaseStop(db: Database, taskId: string, claimedAt: Date, set: ReleaseSet): Promise<void> {
  await releaseStopQuery(db, taskId, claimedAt, set);
}

/** releaseStop's statement, unrun: a single Stop runs it with its audit outcome (finishAudit's `along`). */
export function releaseStopQuery(db: Database, taskId: string, claimedAt: Date, set: ReleaseSet) {
  const { outcome, ...rest } = set;
  const t = recordingTasks;
  return db
    .update(t)
    .set({ stoppingSince: null, ...(outcome ? outcomeColumns(outcome) : { updatedAt: new Date() }), ...rest })
    .where(and(eq(t.taskId, taskId), eq(t.stoppingSince, claimedAt)));
}

/**
 * Crash recovery: claims taken before `before` belong to a process that died mid-call. The row leaves
 * "stopping" and says the outcome is unknown, so the next person knows to press Stop again (which is safe).
 */
export async function releaseOrphanedStopClaims(db: Database, before: Date): Promise<number> {
  const t = recordingTasks;
  const rows = await db
    .update(t)
    .set({
      stoppingSince: null,
      ...outcomeColumns({
        action: "stop",
        by: null,
        ok: false,
        errorCode: "RecDesk.Interrupted",
        errorMessage: "RecDesk restarted before Tencent Cloud answered.",
      }),
    })
    .where(and(isNotNull(t.stoppingSince), lt(t.stoppingSince, before)))
    .returning({ taskId: t.taskId });
  return rows.length;
}

/**
 * A claim held under a timestamp the database wrote (a bulk item's claimed_at), kept as text so the
 * microseconds survive the round trip and release matches it exactly.
 */
export interface HeldClaim {
  taskId: string;
  claimedAt: string;
}

/**
 * The bulk worker's claim for a whole batch in one statement. Unlike a single Stop it does not skip rows the
 * registry calls stopped: a bulk item is sent whatever the row says, as before (a Stop is idempotent); what the
 * claim prevents is two Stops of one task on the wire at once. Returns which tasks were claimed and which the
 * registry knows at all (a TaskId it has never seen cannot be claimed, and is sent as before).
 */
export async function claimStops(
  db: Database,
  claims: HeldClaim[],
  now = new Date(),
): Promise<{ claimed: Set<string>; known: Set<string> }> {
  if (claims.length === 0) return { claimed: new Set(), known: new Set() };
  const leaseStart = new Date(now.getTime() - STOP_CLAIM_LEASE_MS);
  const values = sql.join(
    claims.map((c) => sql`(${c.taskId}::text, ${c.claimedAt}::timestamptz)`),
    sql`, `,
  );
  const result = await db.execute(sql`
    with v(task_id, claimed_at) as (values ${values}),
    c as (
      update recording_tasks t set stopping_since = v.claimed_at, updated_at = now() from v
      where t.task_id = v.task_id and (t.stopping_since is null or t.stopping_since < ${leaseStart})
      returning t.task_id)
    select t.task_id, exists (select 1 from c where c.task_id = t.task_id) as claimed
    from recording_tasks t where t.task_id in (select task_id from v)`);
  const rows = result.rows as { task_id: string; claimed: boolean }[];
  return {
    claimed: new Set(rows.filter((r) => r.claimed).map((r) => r.task_id)),
    known: new Set(rows.map((r) => r.task_id)),
  };
}

/** Gives batch claims back without an outcome (not sent, or the answer went elsewhere); only claims still held. */
export async function releaseStops(db: Database, claims: HeldClaim[]): Promise<void> {
  if (claims.length === 0) return;
  const values = sql.join(
    claims.map((c) => sql`(${c.taskId}::text, ${c.claimedAt}::timestamptz)`),
    sql`, `,
  );
  await db.execute(sql`
    update recording_tasks t set stopping_since = null, updated_at = now()
    from (values ${values}) as v(task_id, claimed_at)
    where t.task_id = v.task_id and t.stopping_since = v.claimed_at`);
}
