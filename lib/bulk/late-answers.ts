import { inArray, sql } from "drizzle-orm";
import { recordAudit } from "@/lib/audit";
import { auditRecords } from "@/lib/db/schema/audit";
import type { Database } from "@/lib/db/types";
import type { SentItem } from "./outcomes";
import { recordStopsOnTasks } from "./task-registry";

export interface LateAnswer {
  /** The intent another holder closed (usually `unknown`, RecDesk.AuditInterrupted) while the Stop was on the wire. */
  auditId: number;
  /** The record that now carries Tencent's real answer. */
  lateAuditId: number;
}

/**
 * Answers that came back after this worker's lease lapsed and another instance recovered the items: their
 * intents were already closed as interrupted (an outcome is written once), so each real answer becomes a
 * record of its own, naming the intent it answers, with its RequestId. An ok answer also settles the item
 * if it is still waiting in the queue, so the new holder does not send that Stop again.
 */
export async function recordLateAnswers(
  db: Database,
  late: SentItem[],
  by: (s: SentItem) => string,
): Promise<LateAnswer[]> {
  if (late.length === 0) return [];
  const originals = await db
    .select()
    .from(auditRecords)
    .where(
      inArray(
        auditRecords.id,
        late.map((s) => s.auditId),
      ),
    );
  const byId = new Map(originals.map((o) => [o.id, o]));
  const out: LateAnswer[] = [];
  for (const s of late) {
    const o = byId.get(s.auditId);
    const r = s.result;
    const lateAuditId = await recordAudit(
      db,
      {
        actor: { userId: o?.actorUserId ?? undefined, email: o?.actorEmail ?? undefined, role: o?.actorRole ?? null },
        action: "task.stop",
        target: {
          domainName: s.item.domainName,
          appName: s.item.appName,
          streamName: s.item.streamName,
          taskId: s.item.taskId,
        },
        reason: o?.reason ?? undefined,
        jobId: s.item.jobId,
        clientIp: o?.clientIp ?? undefined,
        userAgent: o?.userAgent ?? undefined,
        details: { bulkItemId: s.item.id, lateAnswerFor: s.auditId },
      },
      {
        outcome: r.ok ? "ok" : "error",
        requestId: r.requestId,
        errorCode: r.ok ? undefined : r.code,
        errorMessage: r.ok ? undefined : r.message,
        latencyMs: r.latencyMs,
        details: {
          bulkItemId: s.item.id,
          attempts: r.attempts,
          recovery: "late-answer",
          note: `Tencent's answer to the Stop of record ${s.auditId} arrived after another instance took the job over and closed that record as ${o?.outcome ?? "finished"}.`,
        },
      },
    );
    out.push({ auditId: s.auditId, lateAuditId });
    if (!r.ok) continue;
    await db.execute(sql`
      update bulk_items set state = 'stopped', request_id = ${r.requestId ?? null}, error_code = null, error_message = null,
        audit_id = ${lateAuditId}, finished_at = now()
      where id = ${s.item.id} and state = 'pending'`);
  }
  const stopped = late.filter((s) => s.result.ok);
  await recordStopsOnTasks(
    db,
    stopped.map((s) => ({ taskId: s.item.taskId, ok: true, requestId: s.result.requestId, by: by(s) })),
  );
  return out;
}
