import { recordAudit, type AuditIntent } from "@/lib/audit";
import type { Database } from "@/lib/db/types";
import type { JobContext } from "./job-context";
import { completeItem, type ClaimedItem } from "./queue";

/** What a bulk item's Stop is recorded as before it is sent: the job's actor, reason and origin, the item's task. */
export function stopIntentFor(item: ClaimedItem, ctx: JobContext): AuditIntent {
  return {
    actor: ctx.actor,
    action: "task.stop",
    target: { domainName: item.domainName, appName: item.appName, streamName: item.streamName, taskId: item.taskId },
    reason: ctx.reason,
    jobId: item.jobId,
    clientIp: ctx.clientIp,
    userAgent: ctx.userAgent,
    // A recovered item still points at its interrupted intent; the new record names it.
    details: item.auditId === null ? { bulkItemId: item.id } : { bulkItemId: item.id, resendOf: item.auditId },
  };
}

/** An item whose TaskId cannot be sent fails alone, with its own audit record; nothing goes upstream. */
export async function failInvalidTaskId(
  db: Database,
  workerId: string,
  item: ClaimedItem,
  intent: AuditIntent,
  problem: string,
): Promise<void> {
  const message = `TaskId "${item.taskId}": ${problem}`;
  const auditId = await recordAudit(
    db,
    { ...intent, details: { bulkItemId: item.id } },
    { outcome: "invalid", errorCode: "RecDesk.InvalidInput", errorMessage: message },
  );
  await completeItem(db, workerId, item.id, {
    state: "failed",
    errorCode: "RecDesk.InvalidInput",
    errorMessage: message,
    auditId,
  });
}
