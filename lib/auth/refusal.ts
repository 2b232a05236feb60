import "server-only";
import { actionFailure, type ActionFailure } from "@/lib/action-result";
import { recordAudit, type AuditAction, type AuditTarget } from "@/lib/audit";
import type { Database } from "@/lib/db/types";
import type { AuthCheck } from "./actor";

/**
 * Records a refused attempt (outcome "denied") and turns it into the action's failure result. Every server
 * action calls this when requirePermission() says no, so refusals are as visible in the audit log as successes.
 */
export async function auditRefusal(
  db: Database,
  check: Extract<AuthCheck, { ok: false }>,
  intent: { action: AuditAction; target?: AuditTarget; details?: Record<string, unknown> },
): Promise<ActionFailure> {
  await recordAudit(
    db,
    {
      actor: { userId: check.actor?.userId, email: check.actor?.email, role: check.actor?.role },
      action: intent.action,
      target: intent.target,
      clientIp: check.origin.clientIp,
      userAgent: check.origin.userAgent,
      details: intent.details,
    },
    { outcome: "denied", errorCode: check.code, errorMessage: check.message },
  );
  return actionFailure(check.code, check.message);
}
