import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const AUDIT_OUTCOMES = ["pending", "ok", "error", "denied", "invalid", "unknown"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * Append-only audit trail (drizzle/*_audit_append_only.sql: a trigger refuses DELETE, TRUNCATE and any
 * UPDATE except a pending intent receiving its outcome once). Written ahead: the intent row (outcome
 * "pending") is committed before the upstream call, and receives its outcome exactly once afterwards.
 * Hash chain (lib/audit/hash.ts): `hash` = H(intent fields + prev_hash) in id order; `outcome_hash` =
 * H(hash + outcome fields).
 */
export const auditRecords = pgTable(
  "audit_records",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true, precision: 3 }),
    actorUserId: uuid("actor_user_id"),
    actorEmail: text("actor_email"),
    actorRole: text("actor_role"),
    action: text("action").notNull(),
    domainName: text("domain_name"),
    appName: text("app_name"),
    streamName: text("stream_name"),
    taskId: text("task_id"),
    jobId: uuid("job_id"),
    reason: text("reason"),
    outcome: text("outcome").$type<AuditOutcome>().notNull(),
    requestId: text("request_id"),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    latencyMs: integer("latency_ms"),
    clientIp: text("client_ip"),
    userAgent: text("user_agent"),
    /** What the actor asked for (part of the intent hash). */
    details: jsonb("details"),
    /** What came back (part of the outcome hash); separate so the intent stays immutable. */
    outcomeDetails: jsonb("outcome_details"),
    prevHash: text("prev_hash"),
    hash: text("hash"),
    outcomeHash: text("outcome_hash"),
  },
  (t) => [
    index("audit_records_at").on(t.at, t.id),
    index("audit_records_actor").on(t.actorEmail, t.id),
    index("audit_records_action").on(t.action, t.id),
    index("audit_records_outcome").on(t.outcome, t.id),
    index("audit_records_task").on(t.taskId, t.id),
    // A task.start learns its TaskId from Tencent's answer, after its intent (and target) is written: the
    // TaskId filter finds it in the outcome (lib/audit/queries.ts).
    index("audit_records_started_task")
      .on(sql`(${t.outcomeDetails} ->> 'taskId')`, t.id)
      .where(sql`${t.action} = 'task.start'`),
    index("audit_records_stream").on(t.streamName, t.id),
    index("audit_records_job").on(t.jobId, t.id),
    // audit_records_reason_trgm (pg_trgm GIN on reason, for the ILIKE search) is created by migration 0004 only
    // where the extension can be installed, which a schema declaration cannot express.
  ],
);

export type AuditRecord = typeof auditRecords.$inferSelect;
