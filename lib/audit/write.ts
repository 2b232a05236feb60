import { and, eq, inArray, sql, type SQLWrapper } from "drizzle-orm";
import type { Database } from "@/lib/db/types";
import { auditRecords } from "@/lib/db/schema/audit";
import { GENESIS_HASH, intentHash, outcomeHash, type HashedIntent, type HashedOutcome } from "./hash";
import { clipOptional, storableJson } from "@/lib/text/well-formed";
import { loadedAuditKey } from "./key";
import { forgetIntentHashes, rememberedIntentHashes, rememberIntentHashes } from "./pending-hashes";
import { KEY_SWITCH_ACTION, keyedFromId, keyMissing, keySwitchDetails } from "./keying";
import type { AuditIntent, AuditResult } from "./types";
import { componentLogger } from "@/lib/observability/logger";
import { timeAuditAppend } from "@/lib/observability/metrics";

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
  return intents.length === 0
    ? []
    : append(
        db,
        intents.map((intent) => ({ intent })),
      );
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

/** A record that is complete at once: a refusal, a validation failure, a sign-in. One insert, both hashes. */
export async function recordAudit(db: Database, intent: AuditIntent, result: AuditResult): Promise<number> {
  const [id] = await append(db, [{ intent, result }]);
  return id!;
}

/**
 * Writes the key-switch record if a key is loaded and the chain is not keyed yet (the start-up step calls this
 * before anything else is written; every append also does, so no path writes an unkeyed record after a key
 * exists). Returns the switch record's id (null without a key). Throws when the chain is keyed and this
 * process has no key, or not the chain's key.
 */
export async function ensureKeyedChain(db: Database): Promise<number | null> {
  const keyedFrom = await keyedFromId(db);
  if (loadedAuditKey() === undefined) {
    if (keyedFrom !== null) throw keyMissing(keyedFrom);
    return null;
  }
  if (keyedFrom === null) await append(db, []);
  return keyedFromId(db);
}

async function append(db: Database, requested: { intent: AuditIntent; result?: AuditResult }[]): Promise<number[]> {
  const written = await timeAuditAppend(() => appendInTransaction(db, requested));
  // Committed now: the pending intents' hashes can be trusted when their outcomes are written.
  rememberIntentHashes(
    db,
    written.filter((w) => w.pending),
  );
  return written.map((w) => w.id);
}

async function appendInTransaction(
  db: Database,
  requested: { intent: AuditIntent; result?: AuditResult }[],
): Promise<{ id: number; hash: string; pending: boolean }[]> {
  const key = loadedAuditKey();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`);
    const keyedFrom = await keyedFromId(db, tx as unknown as Database);
    if (keyedFrom !== null && key === undefined) throw keyMissing(keyedFrom);
    // The first append with a key writes the switch first: from it on every record is an HMAC under the key.
    const switching = key !== undefined && keyedFrom === null;
    const entries = switching
      ? [
          {
            intent: {
              actor: { email: "recdesk" },
              action: KEY_SWITCH_ACTION,
              details: keySwitchDetails(key),
            } as AuditIntent,
            result: { outcome: "ok" } as AuditResult,
          },
          ...requested,
        ]
      : requested;
    if (entries.length === 0) return [];
    // The id is part of the hash (so records cannot be renumbered), hence taken before the insert; the head is
    // read in the same statement. Not in the lock's statement: that one's snapshot predates the lock, so on
    // Postgres it could miss the record another writer committed while this one waited.
    const next = await tx.execute<{ id: string; head: string | null }>(
      sql`select nextval(pg_get_serial_sequence('audit_records', 'id'))::text as id,
        (select ${auditRecords.hash} from ${auditRecords} order by ${auditRecords.id} desc limit 1) as head
        from generate_series(1, ${entries.length}::int)`,
    );
    const ids = next.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
    let prevHash = next.rows[0]?.head ?? GENESIS_HASH;
    const at = new Date();
    const values = entries.map(({ intent, result }, i) => {
      const fields: HashedIntent = {
        id: ids[i]!,
        // Milliseconds, like the column, so the hash of what is read back matches what was written.
        at,
        // Every string as the database will return it (lib/text/well-formed.ts), so the hash of what is read
        // back matches: a lone surrogate or a NUL from a visitor must never break the chain.
        actorUserId: intent.actor.userId ?? null,
        actorEmail: clip(intent.actor.email),
        actorRole: clip(intent.actor.role),
        action: intent.action,
        domainName: clip(intent.target?.domainName),
        appName: clip(intent.target?.appName),
        streamName: clip(intent.target?.streamName),
        taskId: clip(intent.target?.taskId),
        jobId: intent.jobId ?? null,
        reason: clip(intent.reason),
        clientIp: clip(intent.clientIp),
        userAgent: clip(intent.userAgent),
        details: storableJson(intent.details ?? null),
        prevHash,
      };
      const hash = intentHash(fields, key);
      prevHash = hash;
      const outcome = result ? outcomeFields(result) : undefined;
      return {
        ...fields,
        hash,
        outcome: outcome?.outcome ?? ("pending" as const),
        ...(outcome ? { ...outcome, outcomeHash: outcomeHash(hash, outcome, key) } : {}),
      };
    });
    await tx.insert(auditRecords).values(values);
    if (switching) {
      componentLogger("audit").info(
        { event: "audit.keyed", fromId: ids[0] },
        `RecDesk audit: the chain is keyed (HMAC-SHA256 with RECDESK_AUDIT_KEY) from record ${ids[0]} on; records before it keep the unkeyed rule. This happens once per database.`,
      );
    }
    const written = values.map((v, i) => ({ id: v.id, hash: v.hash, pending: !entries[i]!.result }));
    return switching ? written.slice(1) : written;
  });
}

function outcomeFields(result: AuditResult): HashedOutcome & { outcome: AuditResult["outcome"] } {
  return {
    outcome: result.outcome,
    finishedAt: new Date(),
    requestId: clip(result.requestId),
    errorCode: clip(result.errorCode),
    errorMessage: clip(result.errorMessage),
    latencyMs: result.latencyMs === undefined ? null : Math.max(0, Math.round(result.latencyMs)),
    outcomeDetails: storableJson(result.details ?? null),
  };
}

function clip(text: string | null | undefined): string | null {
  return clipOptional(text, MAX_TEXT + 1, "…");
}
