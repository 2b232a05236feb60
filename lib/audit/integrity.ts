import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import type { Database } from "@/lib/db/types";
import type { Actor, RequestOrigin } from "@/lib/auth/actor";
import { acquireLease, releaseLease } from "@/lib/bulk/lease";
import type { VerifyReport } from "./definitions";
import { AuditKeyError } from "./keying";
import { auditWho } from "./refusal";
import { verifyAuditChain } from "./verify";
import { recordAudit } from "./write";
import { say } from "@/lib/validation/messages";

export const CHAIN_BROKEN_CODE = "RecDesk.AuditChainBroken";
export const VERIFY_RUNNING_CODE = "RecDesk.VerifyRunning";

/**
 * One verification at a time per database, whoever starts it (the button on any instance, the schedule): a
 * lease row, judged by the database clock, renewed between batches. A lease rather than an advisory lock,
 * because the check spans many statements on pooled connections, and PGlite must stay free for writers.
 */
export const VERIFY_LEASE = "audit-verify";
const LEASE_TTL_MS = 120_000;

export class VerifyAlreadyRunningError extends Error {
  readonly code = VERIFY_RUNNING_CODE;
  constructor() {
    super(say("actions.audit.verifyRunning"));
    this.name = "VerifyAlreadyRunningError";
  }
}

/** Who asks: a person, or the schedule (no actor; the "system" label names it in the trail). */
export type VerifyRequester = { actor?: Actor; origin: RequestOrigin; system?: string };

/**
 * "Verify integrity" as the page and the schedule run it, itself audited (`audit.verify`). The check runs first
 * and its record is written once, complete: when the chain holds, the record's intent seals every outcome
 * checked (lib/audit/seal.ts), which the chain then protects like any intent; its outcome keeps the head hash
 * seen, so the trail carries a history of anchors. (Read-only, so nothing is lost by not writing ahead.)
 * A second request while one runs is refused (VerifyAlreadyRunningError), and audited as such.
 */
export async function runAuditedVerify(
  db: Database,
  who: VerifyRequester,
): Promise<VerifyReport & { auditId: number }> {
  const base = auditWho(who.actor, who.origin);
  const intent = { ...base, actor: who.system ? { email: who.system } : base.actor, action: "audit.verify" as const };
  const holder = `${hostname()}:${process.pid}:${randomUUID()}`;
  if (!(await acquireLease(db, VERIFY_LEASE, holder, LEASE_TTL_MS))) {
    const refused = new VerifyAlreadyRunningError();
    await recordAudit(db, intent, { outcome: "error", errorCode: refused.code, errorMessage: refused.message });
    throw refused;
  }
  let report: VerifyReport;
  try {
    report = await verifyAuditChain(db, {
      onBatch: async () => {
        if (!(await acquireLease(db, VERIFY_LEASE, holder, LEASE_TTL_MS)))
          throw new Error("lost the audit-verify lease (the database stalled for two minutes)");
      },
    });
  } catch (err) {
    await releaseLease(db, VERIFY_LEASE, holder).catch(() => {});
    const code = err instanceof AuditKeyError ? err.code : "RecDesk.VerifyFailed";
    await recordAudit(db, intent, { outcome: "error", errorCode: code, errorMessage: (err as Error).message });
    throw err;
  }
  await releaseLease(db, VERIFY_LEASE, holder);
  const details = {
    checked: report.checked,
    headId: report.headId,
    headHash: report.headHash,
    durationMs: report.durationMs,
  };
  const auditId = await recordAudit(
    db,
    report.intact && report.seal ? { ...intent, details: { seal: report.seal } } : intent,
    report.intact
      ? { outcome: "ok", latencyMs: report.durationMs, details }
      : {
          outcome: "error",
          errorCode: CHAIN_BROKEN_CODE,
          errorMessage: describeBroken(report),
          latencyMs: report.durationMs,
          details: { ...details, brokenCount: report.brokenCount, broken: report.broken },
        },
  );
  return { ...report, auditId };
}

export function describeBroken(report: Pick<VerifyReport, "brokenCount" | "broken">): string {
  const first = report.broken[0];
  if (!first) return "The chain holds.";
  const ids = report.broken.map((b) => `#${b.id}`).join(", ");
  const more =
    report.brokenCount > report.broken.length ? ` and ${report.brokenCount - report.broken.length} more` : "";
  return `${report.brokenCount} record${report.brokenCount === 1 ? "" : "s"} do not verify (${ids}${more}). First: record ${first.id} ${first.problem}`;
}
