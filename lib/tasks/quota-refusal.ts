import type { ActionFailure } from "@/lib/action-result";
import { recordAudit } from "@/lib/audit";
import type { AuditAction } from "@/lib/audit/types";
import type { UserQuotaDecision, UserQuotaKind } from "@/lib/tencent-live/user-quota";
import { intentBase, type TaskActionContext } from "./actor";
import { taskAttempt, taskRefusal } from "./attempt";

/**
 * A task action refused by the per-person quota (lib/tencent-live/user-quota.ts): recorded as denied with what
 * was typed and which quota, answered without touching the registry or Tencent. The form keeps its values.
 */
export async function refuseOverQuota(
  db: Parameters<typeof recordAudit>[0],
  ctx: TaskActionContext,
  action: AuditAction,
  values: Record<string, string>,
  quota: Extract<UserQuotaDecision, { ok: false }>,
  kind: UserQuotaKind,
): Promise<ActionFailure> {
  await recordAudit(
    db,
    {
      ...intentBase(ctx),
      action,
      ...taskAttempt(values),
      details: { quota: kind },
    },
    {
      outcome: "denied",
      errorCode: quota.code,
      errorMessage: quota.message,
      details: { retryAfterSeconds: quota.retryAfterSeconds },
    },
  );
  return taskRefusal(values, { ok: false, code: quota.code, message: quota.message });
}
