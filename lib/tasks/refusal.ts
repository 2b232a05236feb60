import type { ActionFailure } from "@/lib/action-result";
import { recordAudit } from "@/lib/audit";
import type { AuditAction } from "@/lib/audit/types";
import type { AuthCheck } from "@/lib/auth/actor";
import type { Database } from "@/lib/db/types";
import { clip } from "./actor";
import { explainTaskError } from "./local-errors";

/**
 * A task action the permission check refused: recorded (outcome "denied") with what the person tried to act
 * on, and answered without touching the registry or Tencent. The form keeps what was typed.
 */
export async function refuseTaskAction(
  db: Database,
  check: Extract<AuthCheck, { ok: false }>,
  action: AuditAction,
  values: Record<string, string>,
): Promise<ActionFailure> {
  await recordAudit(
    db,
    {
      actor: { userId: check.actor?.userId, email: check.actor?.email, role: check.actor?.role ?? null },
      clientIp: check.origin.clientIp,
      userAgent: check.origin.userAgent,
      action,
      target: { taskId: clip(values.taskId), streamName: clip(values.streamName), appName: clip(values.appName), domainName: clip(values.domainName) },
      reason: clip(values.reason, 500),
    },
    { outcome: "denied", errorCode: check.code, errorMessage: check.message },
  );
  return { ok: false, code: check.code, message: check.message, values, explanation: explainTaskError(check.code) };
}
