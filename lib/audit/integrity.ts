import type { Database } from "@/lib/db/types";
import type { Actor, RequestOrigin } from "@/lib/auth/actor";
import type { VerifyReport } from "./definitions";
import { auditWho } from "./refusal";
import { verifyAuditChain } from "./verify";
import { beginAudit, finishAudit } from "./write";

export const CHAIN_BROKEN_CODE = "RecDesk.AuditChainBroken";

/**
 * "Verify integrity" as the page runs it: itself audited (`audit.verify`). The chain is checked up to the
 * record just before this verification's own intent; the outcome keeps the head hash it saw, so the trail
 * itself carries a history of anchors.
 */
export async function runAuditedVerify(db: Database, who: { actor: Actor; origin: RequestOrigin }): Promise<VerifyReport & { auditId: number }> {
  const auditId = await beginAudit(db, { ...auditWho(who.actor, who.origin), action: "audit.verify" });
  let report: VerifyReport;
  try {
    report = await verifyAuditChain(db, { upToId: auditId - 1 });
  } catch (err) {
    await finishAudit(db, auditId, { outcome: "error", errorCode: "RecDesk.VerifyFailed", errorMessage: (err as Error).message });
    throw err;
  }
  const details = { checked: report.checked, headId: report.headId, headHash: report.headHash, durationMs: report.durationMs };
  await finishAudit(
    db,
    auditId,
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
