import { createHash, createHmac } from "node:crypto";

/** prev_hash of the very first record. */
export const GENESIS_HASH = "0".repeat(64);

/** The intent fields a record's `hash` covers: everything known before the upstream call, plus its link. */
export interface HashedIntent {
  id: number;
  at: Date;
  actorUserId: string | null;
  actorEmail: string | null;
  actorRole: string | null;
  action: string;
  domainName: string | null;
  appName: string | null;
  streamName: string | null;
  taskId: string | null;
  jobId: string | null;
  reason: string | null;
  clientIp: string | null;
  userAgent: string | null;
  details: unknown;
  prevHash: string;
}

/** The outcome fields `outcome_hash` covers, written once. */
export interface HashedOutcome {
  outcome: string;
  finishedAt: Date;
  requestId: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  latencyMs: number | null;
  outcomeDetails: unknown;
}

/**
 * Deterministic JSON: object keys sorted at every depth, dates as ISO-8601 with milliseconds, undefined as
 * null. The same record read back from Postgres (jsonb reorders keys, timestamps come back as Date) must
 * serialize to the same bytes as when it was written.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalize(value));
}

function normalize(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(normalize);
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as object).sort()) {
      const v = (value as Record<string, unknown>)[key];
      // jsonb drops nothing but JSON.stringify drops undefined members; drop them here too so both agree.
      // defineProperty: a "__proto__" member (a JSON body may carry one) must be hashed, not become a prototype.
      if (v !== undefined)
        Object.defineProperty(out, key, { value: normalize(v), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

/**
 * The chain's rule: plain SHA-256 for records written before RECDESK_AUDIT_KEY existed, HMAC-SHA256 with the key
 * from the key-switch record on (lib/audit/keying.ts). Same canonical text either way.
 */
function digest(text: string, key: string | undefined): string {
  return (key === undefined ? createHash("sha256") : createHmac("sha256", key)).update(text, "utf8").digest("hex");
}

export function intentHash(i: HashedIntent, key?: string): string {
  return digest(
    canonicalJson({
      id: i.id,
      at: i.at,
      actorUserId: i.actorUserId,
      actorEmail: i.actorEmail,
      actorRole: i.actorRole,
      action: i.action,
      domainName: i.domainName,
      appName: i.appName,
      streamName: i.streamName,
      taskId: i.taskId,
      jobId: i.jobId,
      reason: i.reason,
      clientIp: i.clientIp,
      userAgent: i.userAgent,
      details: i.details,
      prevHash: i.prevHash,
    }),
    key,
  );
}

export function outcomeHash(hash: string, o: HashedOutcome, key?: string): string {
  return digest(
    hash +
      canonicalJson({
        outcome: o.outcome,
        finishedAt: o.finishedAt,
        requestId: o.requestId,
        errorCode: o.errorCode,
        errorMessage: o.errorMessage,
        latencyMs: o.latencyMs,
        outcomeDetails: o.outcomeDetails,
      }),
    key,
  );
}
