import { and, eq, inArray, sql, type SQLWrapper } from "drizzle-orm";
import type { Database } from "@/lib/db/types";
import { auditRecords } from "@/lib/db/schema/audit";
import { outcomeHash } from "./hash";
import { loadedAuditKey } from "./key";
import { forgetIntentHashes, rememberedIntentHashes } from "./pending-hashes";
import { keyedFromId, keyMissing } from "./keying";
import { outcomeFields } from "./fields";
import type { AuditResult } from "./types";

// The second half of a write-ahead record: an intent committed by beginAudit(s) (./write.ts) gets its outcome.

export class AuditAlreadyFinishedError extends Error {
  constructor(
    readonly id: number,
    readonly outcome: string | null,
  ) {
    super(
      outcome === null
        ? `Audit record ${id} does not exist`
        : `Audit record ${id} already has its outcome (${outcome}); an outcome is written exactly once`,
    );
    this.name = "AuditAlreadyFinishedError";
  }
}

/**
 * Gives a pending intent its outcome; exactly once (a second call throws AuditAlreadyFinishedError). `along`, a
 * data-modifying statement of the caller's (a Stop's row release), is run in the same statement, so both commit
 * or neither does; an AuditAlreadyFinishedError means `along` did commit.
 */
export async function finishAudit(
  db: Database,
  id: number,
  result: AuditResult,
  opts: { along?: SQLWrapper } = {},
): Promise<void> {
  const finished = await finishAudits(db, [{ id, result }], opts);
  if (finished.has(id)) return;
  const [row] = await db.select({ outcome: auditRecords.outcome }).from(auditRecords).where(eq(auditRecords.id, id));
  throw new AuditAlreadyFinishedError(
    id,
    row ? (row.outcome === "pending" ? "finished concurrently" : row.outcome) : null,
  );
}

/**
 * Gives many pending intents their outcomes in two statements; returns the ids that received one. An id that
 * is missing or already finished is left out (never overwritten): the caller decides whether that is an error.
 */
export async function finishAudits(
  db: Database,
  finishes: { id: number; result: AuditResult }[],
  { along }: { along?: SQLWrapper } = {},
): Promise<Set<number>> {
  if (finishes.some((f) => (f.result.outcome as string) === "pending"))
    throw new Error("finishAudit needs a final outcome, not pending");
  if (finishes.length === 0) return new Set();
  const ids = finishes.map((f) => f.id);
  // This process's own intents need no read; a finished one among them is left out by audit_finish's guard.
  const hashOf = rememberedIntentHashes(db, ids) ?? (await readPendingHashes(db, ids));
  const keyedFrom = await keyedFromId(db);
  const key = loadedAuditKey();
  const rows = finishes.flatMap(({ id, result }) => {
    const hash = hashOf.get(id);
    if (!hash) return [];
    // An outcome follows its intent's rule: unkeyed before the key switch, keyed from it on.
    const keyed = keyedFrom !== null && id >= keyedFrom;
    if (keyed && key === undefined) throw keyMissing(keyedFrom);
    const o = outcomeFields(result);
    return [
      {
        id,
        outcome: o.outcome,
        finished_at: o.finishedAt.toISOString(),
        request_id: o.requestId,
        error_code: o.errorCode,
        error_message: o.errorMessage,
        latency_ms: o.latencyMs,
        outcome_details: o.outcomeDetails,
        outcome_hash: outcomeHash(hash, o, keyed ? key : undefined),
      },
    ];
  });
  if (rows.length === 0) {
    if (along) await db.execute(along.getSQL());
    return new Set();
  }
  // audit_finish (drizzle/0005) is the runtime role's only way to write an outcome; its pending guard makes a
  // concurrent second finisher update nothing (and the trigger refuses it anyway). A data-modifying CTE always
  // runs to completion, referenced or not.
  const finish = sql`select audit_finish(${JSON.stringify(rows)}::jsonb)::text as id`;
  const updated = await db.execute(along ? sql`with along as (${along.getSQL()}) ${finish}` : finish);
  forgetIntentHashes(db, ids);
  return new Set((updated.rows as { id: string | number }[]).map((r) => Number(r.id)));
}

async function readPendingHashes(db: Database, ids: number[]): Promise<Map<number, string | null>> {
  const heads = await db
    .select({ id: auditRecords.id, hash: auditRecords.hash })
    .from(auditRecords)
    .where(and(inArray(auditRecords.id, ids), eq(auditRecords.outcome, "pending")));
  return new Map(heads.map((h) => [h.id, h.hash]));
}
