"use server";

import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db";
import { actionFailure, type ActionResult } from "@/lib/action-result";
import { recordDenied } from "@/lib/audit/refusal";
import { runAuditedVerify, VerifyAlreadyRunningError } from "@/lib/audit/integrity";
import { AuditKeyError } from "@/lib/audit/keying";
import type { VerifyReport } from "@/lib/audit/definitions";

/** "Verify integrity": recomputes the whole hash chain; the verification is itself an audit record. */
export async function verifyIntegrityAction(): Promise<ActionResult<{ report: VerifyReport }>> {
  const check = await requirePermission("audit:verify");
  const db = await getDb();
  if (!check.ok) {
    await recordDenied(db, check, "audit.verify");
    return actionFailure(check.code, check.message);
  }
  // The seal stays in the trail; the page needs the verdict, not thousands of pending ids.
  try {
    const { auditId, seal, ...report } = await runAuditedVerify(db, check);
    void auditId;
    void seal;
    return { ok: true, report };
  } catch (err) {
    // Both are already in the trail; the person needs the plain reason, not a stack trace.
    if (err instanceof VerifyAlreadyRunningError || err instanceof AuditKeyError) return actionFailure(err.code, err.message);
    throw err;
  }
}
