import { bigserial, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { TaskFamily } from "./tasks";

export const BULK_JOB_STATES = ["running", "paused", "cancelled", "done"] as const;
export type BulkJobState = (typeof BULK_JOB_STATES)[number];
export const BULK_ITEM_STATES = ["pending", "sending", "stopped", "failed", "cancelled"] as const;
export type BulkItemState = (typeof BULK_ITEM_STATES)[number];

export const bulkJobs = pgTable("bulk_jobs", {
  id: uuid("id").primaryKey().defaultRandom(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  createdByUserId: uuid("created_by_user_id"),
  createdByEmail: text("created_by_email").notNull(),
  createdByRole: text("created_by_role"),
  reason: text("reason").notNull(),
  state: text("state").$type<BulkJobState>().notNull().default("running"),
  pausedReason: text("paused_reason"),
  total: integer("total").notNull(),
  startedAt: timestamp("started_at", { withTimezone: true }),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
  clientIp: text("client_ip"),
  userAgent: text("user_agent"),
  // Set when an on-call engineer or admin resumed a job paused because the person acting for it was disabled:
  // its remaining Stops are sent, and audited, in the resumer's name (null: the creator's).
  resumedByUserId: uuid("resumed_by_user_id"),
  resumedByEmail: text("resumed_by_email"),
  resumedByRole: text("resumed_by_role"),
});

export const bulkItems = pgTable(
  "bulk_items",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    jobId: uuid("job_id")
      .notNull()
      .references(() => bulkJobs.id),
    taskId: text("task_id").notNull(),
    // Which Stop the item sends (StopLiveRecord or StopRecordTask) and so which rate-limit lane it waits in.
    family: text("family").$type<TaskFamily>().notNull().default("legacy"),
    domainName: text("domain_name").notNull().default(""),
    appName: text("app_name").notNull().default("live"),
    streamName: text("stream_name").notNull(),
    state: text("state").$type<BulkItemState>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    claimedBy: text("claimed_by"),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    requestId: text("request_id"),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    auditId: integer("audit_id"),
  },
  (t) => [index("bulk_items_job_state").on(t.jobId, t.state, t.id)],
);

/** One row per lease name: the instance holding it is the only one sending bulk Stops. */
export const workerLeases = pgTable("worker_leases", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

export type BulkJob = typeof bulkJobs.$inferSelect;
export type BulkItem = typeof bulkItems.$inferSelect;
