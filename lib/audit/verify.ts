import { and, asc, desc, eq, gt, isNotNull, lte, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/types";
import { auditRecords, type AuditRecord } from "@/lib/db/schema/audit";
import type { VerifyReport } from "./definitions";
import { GENESIS_HASH, intentHash, outcomeHash } from "./hash";
import { loadedAuditKey } from "./key";
import { checkKeyMatches, isKeySwitch } from "./keying";
import { asOutcomeSeal, OutcomeDigest, type OutcomeSeal } from "./seal";

/**
 * Recomputes the hash chain from the first record, in id order, in keyset batches (memory stays flat; a
 * million records is a few thousand round trips), and reports every record that does not match: how many, and
 * the first BROKEN_LISTED of them. It keeps going past a broken record, linking the next one to the hash the
 * broken one carries, so one edited record is one finding and later damage is still found.
 *
 * Records from the key switch (lib/audit/keying.ts) on are checked as HMACs under the loaded RECDESK_AUDIT_KEY.
 *
 * What it proves: no record was edited, removed from the middle, inserted or renumbered since it was written,
 * unless whoever did it also recomputed every later hash; and no outcome sealed by the latest earlier
 * verification (lib/audit/seal.ts) was changed, even with its outcome hash recomputed. To catch that too, keep the reported head hash
 * somewhere the database's users cannot write (a ticket, an e-mail): each "audit.verify" record stores the
 * head it saw, and a later verify that disagrees with a noted head shows the rewrite.
 */
export const BROKEN_LISTED = 20;

export async function verifyAuditChain(
  db: Database,
  /** `onBatch` runs between batches (the caller renews its "one verification at a time" lease there). */
  opts: { upToId?: number; batchSize?: number; onBatch?: () => Promise<void> } = {},
): Promise<VerifyReport> {
  const started = performance.now();
  const loadedKey = loadedAuditKey();
  let key: string | undefined;
  let keyedFrom: number | null = null;
  const broken: { id: number; problem: string }[] = [];
  let brokenCount = 0;
  const fail = (id: number, problem: string) => {
    brokenCount += 1;
    if (broken.length < BROKEN_LISTED) broken.push({ id, problem });
  };
  const batchSize = opts.batchSize ?? 5_000;
  const upToId = opts.upToId ?? (await headId(db));
  let prevHash = GENESIS_HASH;
  let prevId: number | null = null;
  let checked = 0;
  let afterId = 0;
  const sealing = new OutcomeDigest();
  const pendingIds: number[] = [];
  const report = (): VerifyReport => ({
    intact: brokenCount === 0,
    checked,
    headId: prevId,
    headHash: prevId === null ? null : prevHash,
    firstBroken: broken[0],
    brokenCount,
    broken,
    durationMs: Math.round(performance.now() - started),
    seal:
      brokenCount > 0 || prevId === null
        ? undefined
        : { upToId: prevId, finished: sealing.count, pendingIds, digest: sealing.digest() },
  });
  if (upToId === null) return report();
  const sealed = await latestSeal(db, upToId);
  const resealing = sealed ? new OutcomeDigest() : null;
  const leftOut = new Set(sealed?.seal.pendingIds ?? []);
  for (;;) {
    const batch = await db
      .select()
      .from(auditRecords)
      .where(and(gt(auditRecords.id, afterId), lte(auditRecords.id, upToId)))
      .orderBy(asc(auditRecords.id))
      .limit(batchSize);
    for (const row of batch) {
      // From the switch on, every record is an HMAC: a wrong or missing key is one clear error, not a flood.
      if (keyedFrom === null && isKeySwitch(row)) {
        key = checkKeyMatches(row, loadedKey);
        keyedFrom = row.id;
      }
      const problem = checkRecord(row, prevHash, key);
      if (problem) fail(row.id, problem);
      if (row.outcome === "pending") pendingIds.push(row.id);
      else sealing.add(row.id, row.outcomeHash ?? "");
      if (sealed && row.id <= sealed.seal.upToId && !leftOut.has(row.id)) {
        if (row.outcome === "pending")
          fail(row.id, `is pending, but verification record ${sealed.id} sealed its outcome`);
        else resealing!.add(row.id, row.outcomeHash ?? "");
      }
      // Go on from the hash this record carries: the next one is judged on its own link.
      prevHash = row.hash ?? prevHash;
      prevId = row.id;
      checked++;
    }
    if (batch.length < batchSize) break;
    afterId = batch[batch.length - 1]!.id;
    await opts.onBatch?.();
  }
  if (sealed && (resealing!.count !== sealed.seal.finished || resealing!.digest() !== sealed.seal.digest)) {
    fail(
      sealed.id,
      `seals outcomes that no longer match: one written up to record ${sealed.seal.upToId} was changed and its outcome hash recomputed`,
    );
  }
  if (loadedKey !== undefined && keyedFrom === null && prevId !== null) {
    // The start-up step keys the chain before anything is written; a keyed server whose chain has no switch
    // record has had its keyed records removed or rewritten under the unkeyed rule.
    fail(
      prevId,
      "is the head of a chain that has no key-switch record although RECDESK_AUDIT_KEY is set (keyed records were removed or rewritten)",
    );
  }
  return report();
}

/** The most recent seal at or below `upToId`: it covers (almost) everything older ones do. */
async function latestSeal(db: Database, upToId: number): Promise<{ id: number; seal: OutcomeSeal } | null> {
  const [row] = await db
    .select({ id: auditRecords.id, details: auditRecords.details })
    .from(auditRecords)
    .where(
      and(
        eq(auditRecords.action, "audit.verify"),
        lte(auditRecords.id, upToId),
        isNotNull(sql`${auditRecords.details} -> 'seal'`),
      ),
    )
    .orderBy(desc(auditRecords.id))
    .limit(1);
  const seal = row ? asOutcomeSeal(row.details) : null;
  return row && seal ? { id: row.id, seal } : null;
}

/** Why one record breaks the chain, or null when it holds. */
export function checkRecord(row: AuditRecord, expectedPrevHash: string, key?: string): string | null {
  if (!row.hash || !row.prevHash) return "has no hash (written outside the audit writer)";
  if (row.prevHash !== expectedPrevHash) {
    return "does not link to the record before it (a record was removed, inserted or its hash rewritten)";
  }
  const recomputed = intentHash(
    {
      id: row.id,
      at: row.at,
      actorUserId: row.actorUserId,
      actorEmail: row.actorEmail,
      actorRole: row.actorRole,
      action: row.action,
      domainName: row.domainName,
      appName: row.appName,
      streamName: row.streamName,
      taskId: row.taskId,
      jobId: row.jobId,
      reason: row.reason,
      clientIp: row.clientIp,
      userAgent: row.userAgent,
      details: row.details,
      prevHash: row.prevHash,
    },
    key,
  );
  if (recomputed !== row.hash) return "its contents no longer match its hash (the intent was changed)";
  if (row.outcome === "pending") {
    return row.outcomeHash || row.finishedAt ? "is pending but carries an outcome" : null;
  }
  if (!row.outcomeHash || !row.finishedAt) return "has an outcome without an outcome hash";
  const recomputedOutcome = outcomeHash(
    row.hash,
    {
      outcome: row.outcome,
      finishedAt: row.finishedAt,
      requestId: row.requestId,
      errorCode: row.errorCode,
      errorMessage: row.errorMessage,
      latencyMs: row.latencyMs,
      outcomeDetails: row.outcomeDetails,
    },
    key,
  );
  return recomputedOutcome === row.outcomeHash
    ? null
    : "its outcome no longer matches its outcome hash (the outcome was changed)";
}

async function headId(db: Database): Promise<number | null> {
  const [row] = await db.select({ id: auditRecords.id }).from(auditRecords).orderBy(desc(auditRecords.id)).limit(1);
  return row?.id ?? null;
}
