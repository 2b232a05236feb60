import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/types";
import { auditRecords } from "@/lib/db/schema/audit";
import { auditKeyFingerprint, loadedAuditKey } from "./key";
import { say } from "@/lib/validation/messages";

/**
 * Where the chain switches from plain SHA-256 (records written before RECDESK_AUDIT_KEY existed) to HMAC-SHA256:
 * the first `audit.key` record whose details name the rule. That record is itself keyed, and its prev_hash
 * covers every older record, so the unkeyed history before it cannot be changed without the key either.
 */
export const KEY_SWITCH_ACTION = "audit.key" as const;
export const KEYED_RULE = "hmac-sha256";

export function isKeySwitch(row: { action: string; details: unknown }): boolean {
  return row.action === KEY_SWITCH_ACTION && (row.details as { rule?: unknown } | null)?.rule === KEYED_RULE;
}

export function keySwitchDetails(key: string): Record<string, unknown> {
  return { rule: KEYED_RULE, keyFingerprint: auditKeyFingerprint(key) };
}

export class AuditKeyError extends Error {
  constructor(
    readonly code: "RecDesk.AuditKeyMissing" | "RecDesk.AuditKeyMismatch",
    message: string,
  ) {
    super(message);
    this.name = "AuditKeyError";
  }
}

export function keyMissing(keyedFrom: number): AuditKeyError {
  return new AuditKeyError("RecDesk.AuditKeyMissing", say("actions.audit.keyMissing", { record: String(keyedFrom) }));
}

/** Throws when `key` is not the one the switch record was written with: every keyed record would look forged. */
export function checkKeyMatches(switchRow: { id: number; details: unknown }, key: string | undefined): string {
  if (key === undefined) throw keyMissing(switchRow.id);
  const expected = (switchRow.details as { keyFingerprint?: unknown } | null)?.keyFingerprint;
  if (expected !== auditKeyFingerprint(key)) {
    throw new AuditKeyError(
      "RecDesk.AuditKeyMismatch",
      say("actions.audit.keyMismatch", { record: String(switchRow.id), fingerprint: String(expected) }),
    );
  }
  return key;
}

// Once a chain is keyed it stays keyed, so a found switch is remembered per database handle (and per key:
// the check against the switch record's fingerprint is redone if the loaded key changes).
const known = new WeakMap<Database, { id: number; key: string | undefined }>();

/**
 * The id of the key-switch record, or null while the chain is unkeyed. `tx` runs the query inside a transaction.
 * A loaded key that is not the chain's is refused here, before it could write one record the chain cannot verify.
 */
export async function keyedFromId(db: Database, tx: Database = db): Promise<number | null> {
  const cached = known.get(db);
  if (cached !== undefined && cached.key === loadedAuditKey()) return cached.id;
  const [row] = await tx
    .select({ id: auditRecords.id, details: auditRecords.details })
    .from(auditRecords)
    .where(and(eq(auditRecords.action, KEY_SWITCH_ACTION), sql`${auditRecords.details} ->> 'rule' = ${KEYED_RULE}`))
    .orderBy(asc(auditRecords.id))
    .limit(1);
  if (!row) return null;
  if (loadedAuditKey() !== undefined) checkKeyMatches(row, loadedAuditKey());
  known.set(db, { id: row.id, key: loadedAuditKey() });
  return row.id;
}
