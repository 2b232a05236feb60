"use server";

import { z } from "zod";
import { actionFailure } from "@/lib/action-result";
import { valueAction } from "@/lib/actions/define-action";
import { runAuditedVerify, VerifyAlreadyRunningError } from "@/lib/audit/integrity";
import { AuditKeyError } from "@/lib/audit/keying";

/** "Verify integrity": recomputes the whole hash chain; the verification is itself an audit record. */
export const verifyIntegrityAction = valueAction({
  name: "verifyIntegrityAction",
  permission: "audit:verify",
  audit: "audit.verify",
  // Takes nothing; whatever a hand-made request sends is ignored.
  schema: z.unknown(),
  handler: async (_input, { db, auth }) => {
    // The seal stays in the trail; the page needs the verdict, not thousands of pending ids.
    try {
      const { auditId, seal, ...report } = await runAuditedVerify(db, auth);
      void auditId;
      void seal;
      return { ok: true as const, report };
    } catch (err) {
      // Both are already in the trail; the person needs the plain reason, not a stack trace.
      if (err instanceof VerifyAlreadyRunningError || err instanceof AuditKeyError)
        return actionFailure(err.code, err.message);
      throw err;
    }
  },
});
