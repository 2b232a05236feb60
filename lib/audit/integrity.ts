import type { Database } from "@/lib/db/types";
import type { Actor, RequestOrigin } from "@/lib/auth/actor";
import type { VerifyReport } from "./definitions";
import { auditWho } from "./refusal";
import { verifyAuditChain } from "./verify";
import { recordAudit } from "./write";

export const CHAIN_BROKEN_CODE = "RecDesk.AuditChainBroken";

/**
 * "Verify integrity" as the page runs it, itself audited (`audit.verify`). The check runs first and its record
 * is written once, complete: when the chain holds, the record's intent seals every outcome checked
 * (lib/audit/seal.ts), which the chain then protects like any intent; its outcome keeps the head hash seen,
 * so the trail carries a history of anchors. (Read-only, so nothing is lost by not writing ahead.)
 */
export async function runAuditedVerify(db: Database, who: { actor: Actor; origin: RequestOrigin }): Promise<VerifyReport & { auditId: number }> {
  const intent = { ...auditWho(who.actor, who.origin), action: "audit.verify" as const };
  let report: VerifyReport;
  try {
    report = await verifyAuditChain(db);
  } catch (err) {
    await recordAudit(db, intent, { outcome: "error", errorCode: "RecDesk.VerifyFailed", errorMessage: (err as Error).message });
    throw err;
  }
  const details = { checked: report.checked, headId: report.headId, headHash: report.headHash, durationMs: report.durationMs };
  const auditId = await recordAudit(
    db,
    report.intact && report.seal ? { ...intent, details: { seal: report.seal } } : intent,
    report.intact
      ? { outcome: "ok", latencyMs: report.durationMs, details }
      : {
          outcome: "error",
          errorCode: CHAIN_BROKEN_CODE,
          errorMessage: `Record ${report.firstBroken!.id} ${report.firstBroken!.problem}`,
          latencyMs: report.durationMs,
          details: { ...details, firstBroken: report.firstBroken },
        },
  );
  return { ...report, auditId };
}
