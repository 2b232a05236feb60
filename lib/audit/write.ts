import { eq } from "drizzle-orm";
import type { Database } from "@/lib/db/types";
import { auditRecords } from "@/lib/db/schema/audit";
import type { AuditIntent, AuditResult } from "./types";

// TEMPORARY minimal implementation until issue 6 (audit) lands with the hash chain and the
// append-only trigger. The audit work replaces this file, keeping these exported signatures.

/** Commits the intent (outcome "pending") and returns its id. */
export async function beginAudit(db: Database, intent: AuditIntent): Promise<number> {
  const [row] = await db
    .insert(auditRecords)
    .values({
      actorUserId: intent.actor.userId,
      actorEmail: intent.actor.email,
      actorRole: intent.actor.role ?? null,
      action: intent.action,
      ...intent.target,
      reason: intent.reason,
      jobId: intent.jobId,
      clientIp: intent.clientIp,
      userAgent: intent.userAgent,
      details: intent.details,
      outcome: "pending",
    })
    .returning({ id: auditRecords.id });
  return row!.id;
}

/** Gives a pending intent its outcome; exactly once. */
export async function finishAudit(db: Database, id: number, result: AuditResult): Promise<void> {
  await db
    .update(auditRecords)
    .set({ ...result, finishedAt: new Date() })
    .where(eq(auditRecords.id, id));
}

/** A record that is complete at once: a refusal, a validation failure, a sign-in. */
export async function recordAudit(db: Database, intent: AuditIntent, result: AuditResult): Promise<number> {
  const id = await beginAudit(db, intent);
  await finishAudit(db, id, result);
  return id;
}
