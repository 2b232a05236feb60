import { and, desc, eq, sql } from "drizzle-orm";
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
  return append(db, intent, undefined);
}

/** Gives a pending intent its outcome; exactly once (a second call throws AuditAlreadyFinishedError). */
export async function finishAudit(db: Database, id: number, result: AuditResult): Promise<void> {
  if ((result.outcome as string) === "pending") throw new Error("finishAudit needs a final outcome, not pending");
  const [row] = await db
    .select({ hash: auditRecords.hash, outcome: auditRecords.outcome })
    .from(auditRecords)
    .where(eq(auditRecords.id, id));
  if (!row || row.outcome !== "pending" || !row.hash) throw new AuditAlreadyFinishedError(id, row?.outcome ?? null);
  const outcome = outcomeFields(result);
  // The pending guard makes a concurrent second finisher update nothing (and the trigger refuses it anyway).
  const updated = await db
    .update(auditRecords)
    .set({ ...outcome, outcomeHash: outcomeHash(row.hash, outcome) })
    .where(and(eq(auditRecords.id, id), eq(auditRecords.outcome, "pending")))
    .returning({ id: auditRecords.id });
  if (updated.length === 0) throw new AuditAlreadyFinishedError(id, "finished concurrently");
}

/** A record that is complete at once: a refusal, a validation failure, a sign-in. One insert, both hashes. */
export async function recordAudit(db: Database, intent: AuditIntent, result: AuditResult): Promise<number> {
  return append(db, intent, result);
}

async function append(db: Database, intent: AuditIntent, result: AuditResult | undefined): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`);
    const [head] = await tx
      .select({ hash: auditRecords.hash })
      .from(auditRecords)
      .orderBy(desc(auditRecords.id))
      .limit(1);
    // The id is part of the hash (so records cannot be renumbered), hence taken before the insert.
    const next = await tx.execute<{ id: string }>(sql`select nextval(pg_get_serial_sequence('audit_records', 'id'))::text as id`);
    const fields: HashedIntent = {
      id: Number(next.rows[0]!.id),
      // Milliseconds, like the column, so the hash of what is read back matches what was written.
      at: new Date(),
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
      prevHash: head?.hash ?? GENESIS_HASH,
    };
    const hash = intentHash(fields);
    const outcome = result ? outcomeFields(result) : undefined;
    await tx.insert(auditRecords).values({
      ...fields,
      hash,
      outcome: outcome?.outcome ?? "pending",
      ...(outcome ? { ...outcome, outcomeHash: outcomeHash(hash, outcome) } : {}),
    });
    return fields.id;
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
