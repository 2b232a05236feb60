import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/types";
import { auditRecords } from "@/lib/db/schema/audit";
import { GENESIS_HASH, intentHash, outcomeHash, type HashedIntent, type HashedOutcome } from "./hash";
import type { AuditIntent, AuditResult } from "./types";

/**
 * Serializes every append to the chain: prev_hash must be the hash of the record with the next-lower id, so
 * "read the head, take an id, insert" has to be atomic across connections and across RecDesk instances
 * sharing one Postgres. A transaction-scoped advisory lock is released by COMMIT/ROLLBACK (or a dropped
 * connection), so a crashed writer can never leave the chain locked.
 */
const AUDIT_CHAIN_LOCK_KEY = 7_213_809_123;

// Client-supplied strings (user agent) and upstream messages are bounded so one request cannot bloat the trail.
const MAX_TEXT = 2_000;

export class AuditAlreadyFinishedError extends Error {
  constructor(readonly id: number, readonly outcome: string | null) {
    super(
      outcome === null
        ? `Audit record ${id} does not exist`
        : `Audit record ${id} already has its outcome (${outcome}); an outcome is written exactly once`,
    );
    this.name = "AuditAlreadyFinishedError";
  }
}

/** Commits the intent (outcome "pending") and returns its id, before the caller touches Tencent Cloud. */
export async function beginAudit(db: Database, intent: AuditIntent): Promise<number> {
  const [id] = await append(db, [{ intent }]);
  return id!;
}

/**
 * Commits many intents in one append (one chain lock, one round of queries), ids in the same order. The bulk
 * worker writes a whole claimed batch this way: the chain's lock, not the network, is what bounds its rate.
 */
export async function beginAudits(db: Database, intents: AuditIntent[]): Promise<number[]> {
  return intents.length === 0 ? [] : append(db, intents.map((intent) => ({ intent })));
}

/** Gives a pending intent its outcome; exactly once (a second call throws AuditAlreadyFinishedError). */
export async function finishAudit(db: Database, id: number, result: AuditResult): Promise<void> {
  const finished = await finishAudits(db, [{ id, result }]);
  if (finished.has(id)) return;
  const [row] = await db.select({ outcome: auditRecords.outcome }).from(auditRecords).where(eq(auditRecords.id, id));
  throw new AuditAlreadyFinishedError(id, row ? (row.outcome === "pending" ? "finished concurrently" : row.outcome) : null);
}

/**
 * Gives many pending intents their outcomes in two statements; returns the ids that received one. An id that
 * is missing or already finished is left out (never overwritten): the caller decides whether that is an error.
 */
export async function finishAudits(db: Database, finishes: { id: number; result: AuditResult }[]): Promise<Set<number>> {
  if (finishes.some((f) => (f.result.outcome as string) === "pending")) throw new Error("finishAudit needs a final outcome, not pending");
  if (finishes.length === 0) return new Set();
  const ids = finishes.map((f) => f.id);
  const heads = await db
    .select({ id: auditRecords.id, hash: auditRecords.hash })
    .from(auditRecords)
    .where(and(inArray(auditRecords.id, ids), eq(auditRecords.outcome, "pending")));
  const hashOf = new Map(heads.map((h) => [h.id, h.hash]));
  const rows = finishes.flatMap(({ id, result }) => {
    const hash = hashOf.get(id);
    if (!hash) return [];
    const o = outcomeFields(result);
    return [sql`(${id}::bigint, ${o.outcome}::text, ${o.finishedAt.toISOString()}::timestamptz, ${o.requestId}::text, ${o.errorCode}::text,
      ${o.errorMessage}::text, ${o.latencyMs}::integer, ${o.outcomeDetails === null ? null : JSON.stringify(o.outcomeDetails)}::jsonb, ${outcomeHash(hash, o)}::text)`];
  });
  if (rows.length === 0) return new Set();
  // The pending guard makes a concurrent second finisher update nothing (and the trigger refuses it anyway).
  const updated = await db.execute(sql`
    update audit_records a set outcome = v.outcome, finished_at = v.finished_at, request_id = v.request_id,
      error_code = v.error_code, error_message = v.error_message, latency_ms = v.latency_ms,
      outcome_details = v.outcome_details, outcome_hash = v.outcome_hash
    from (values ${sql.join(rows, sql`, `)}) as v(id, outcome, finished_at, request_id, error_code, error_message, latency_ms, outcome_details, outcome_hash)
    where a.id = v.id and a.outcome = 'pending'
    returning a.id`);
  return new Set((updated.rows as { id: string | number }[]).map((r) => Number(r.id)));
}

/** A record that is complete at once: a refusal, a validation failure, a sign-in. One insert, both hashes. */
export async function recordAudit(db: Database, intent: AuditIntent, result: AuditResult): Promise<number> {
  const [id] = await append(db, [{ intent, result }]);
  return id!;
}

async function append(db: Database, entries: { intent: AuditIntent; result?: AuditResult }[]): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`);
    const [head] = await tx
      .select({ hash: auditRecords.hash })
      .from(auditRecords)
      .orderBy(desc(auditRecords.id))
      .limit(1);
    // The id is part of the hash (so records cannot be renumbered), hence taken before the insert.
    const next = await tx.execute<{ id: string }>(
      sql`select nextval(pg_get_serial_sequence('audit_records', 'id'))::text as id from generate_series(1, ${entries.length}::int)`,
    );
    const ids = next.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
    let prevHash = head?.hash ?? GENESIS_HASH;
    const at = new Date();
    const values = entries.map(({ intent, result }, i) => {
      const fields: HashedIntent = {
        id: ids[i]!,
        // Milliseconds, like the column, so the hash of what is read back matches what was written.
        at,
        actorUserId: intent.actor.userId ?? null,
        actorEmail: intent.actor.email ?? null,
        actorRole: intent.actor.role ?? null,
        action: intent.action,
        domainName: intent.target?.domainName ?? null,
        appName: intent.target?.appName ?? null,
        streamName: intent.target?.streamName ?? null,
        taskId: intent.target?.taskId ?? null,
        jobId: intent.jobId ?? null,
        reason: intent.reason ?? null,
        clientIp: clip(intent.clientIp),
        userAgent: clip(intent.userAgent),
        details: intent.details ?? null,
        prevHash,
      };
      const hash = intentHash(fields);
      prevHash = hash;
      const outcome = result ? outcomeFields(result) : undefined;
      return {
        ...fields,
        hash,
        outcome: outcome?.outcome ?? ("pending" as const),
        ...(outcome ? { ...outcome, outcomeHash: outcomeHash(hash, outcome) } : {}),
      };
    });
    await tx.insert(auditRecords).values(values);
    return ids;
  });
}

function outcomeFields(result: AuditResult): HashedOutcome & { outcome: AuditResult["outcome"] } {
  return {
    outcome: result.outcome,
    finishedAt: new Date(),
    requestId: result.requestId ?? null,
    errorCode: result.errorCode ?? null,
    errorMessage: clip(result.errorMessage),
    latencyMs: result.latencyMs === undefined ? null : Math.max(0, Math.round(result.latencyMs)),
    outcomeDetails: result.details ?? null,
  };
}

function clip(text: string | undefined): string | null {
  if (text === undefined || text === null) return null;
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}
