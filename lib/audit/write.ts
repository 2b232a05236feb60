import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db/types";
import { auditRecords } from "@/lib/db/schema/audit";
import { GENESIS_HASH, intentHash, outcomeHash, type HashedIntent } from "./hash";
import { storableJson } from "@/lib/text/well-formed";
import { clip, outcomeFields } from "./fields";
import { loadedAuditKey } from "./key";
import { rememberIntentHashes } from "./pending-hashes";
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
