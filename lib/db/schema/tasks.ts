import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

export const TASK_STATES = ["scheduled", "recording", "stopping", "stopped", "failed", "deleted", "unknown"] as const;
export type TaskState = (typeof TASK_STATES)[number];

export const TASK_FAMILIES = ["legacy", "recordTask"] as const;
export type TaskFamily = (typeof TASK_FAMILIES)[number];

/**
 * The registry of recording tasks of both families.
 * - legacy (CreateLiveRecord): Tencent has no API that lists them, so RecDesk keeps every TaskId it creates, is
 *   told about, or (in demo mode) finds seeded in the simulator. TaskIds are 64-bit unsigned: kept as decimal
 *   text so no layer can round them.
 * - recordTask (CreateRecordTask): Tencent lists them (DescribeRecordTask), and the sweep
 *   (lib/tasks/record-task-sweep.ts) keeps these rows in step; TaskIds are Tencent's opaque strings. Their state
 *   follows from the times, upstream_stopped_at, deleted_at and the clock (lib/tasks/record-task-state.ts).
 * The two kinds of TaskId cannot collide: one is all digits, the other never is.
 */
export const recordingTasks = pgTable(
  "recording_tasks",
  {
    taskId: text("task_id").primaryKey(),
    domainName: text("domain_name").notNull().default(""),
    appName: text("app_name").notNull().default("live"),
    streamName: text("stream_name").notNull(),
    state: text("state").$type<TaskState>().notNull().default("unknown"),
    mode: text("mode").$type<"realtime" | "scheduled">(),
    fileFormat: text("file_format"),
    recordType: text("record_type"),
    startTime: timestamp("start_time", { withTimezone: true }),
    endTime: timestamp("end_time", { withTimezone: true }),
    // discovered: found by the RecordTask sweep (created on Tencent by someone other than RecDesk).
    source: text("source").$type<"created" | "registered" | "seeded" | "discovered">().notNull(),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    createdByEmail: text("created_by_email"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    // Set while a Stop is in flight: the claim that makes two simultaneous Stops cost one upstream call.
    stoppingSince: timestamp("stopping_since", { withTimezone: true }),
    stoppedAt: timestamp("stopped_at", { withTimezone: true }),
    lastAction: text("last_action"),
    lastActionAt: timestamp("last_action_at", { withTimezone: true }),
    lastActionBy: text("last_action_by"),
    lastOk: text("last_ok").$type<"ok" | "error">(),
    lastRequestId: text("last_request_id"),
    lastErrorCode: text("last_error_code"),
    lastErrorMessage: text("last_error_message"),
    family: text("family").$type<TaskFamily>().notNull().default("legacy"),
    /** RecordTask: the recording template (0 = Tencent's default, HLS kept in VOD). */
    templateId: integer("template_id"),
    /** RecordTask: when Tencent says StopRecordTask was called (its Stopped field), as last seen by a sweep. */
    upstreamStoppedAt: timestamp("upstream_stopped_at", { withTimezone: true }),
    /** RecordTask: the last sweep that saw the task in DescribeRecordTask. */
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }),
    /** Deleted through RecDesk, or gone from Tencent's list while it should still be there. */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [
    index("recording_tasks_state").on(t.state),
    index("recording_tasks_stream").on(t.domainName, t.appName, t.streamName),
    index("recording_tasks_start").on(t.startTime),
    index("recording_tasks_family_created").on(t.family, t.createdAt),
    // The sweep's "which of ours should Tencent still list" reads recordTask rows by their end.
    index("recording_tasks_family_end").on(t.family, t.endTime),
    // A year of a busy account is a million rows, nearly all stopped (bench/tasks.ts). The /tasks list reads them in
    // its own order (newest first), so its first page is the index's first rows rather than a sort of every match.
    index("recording_tasks_list_order").on(t.createdAt.desc().nullsFirst(), t.startTime.desc().nullsLast(), t.taskId),
    index("recording_tasks_domain_created").on(t.domainName, t.createdAt),
    // The few tasks that may still be open (a Stop makes sense for them): what "select all matching", its count,
    // the runaway preset and the open-state filters read, through lib/tasks/registry.ts openCandidateSql, whose
    // literals this predicate must keep matching.
    index("recording_tasks_open_end")
      .on(t.endTime)
      .where(sql`${t.deletedAt} is null and ${t.state} not in ('stopped', 'failed')`),
    index("recording_tasks_stopping")
      .on(t.stoppingSince)
      .where(sql`${t.stoppingSince} is not null`),
    index("recording_tasks_deleted")
      .on(t.deletedAt)
      .where(sql`${t.deletedAt} is not null`),
  ],
);

export type RecordingTask = typeof recordingTasks.$inferSelect;

/**
 * The RecordTask sweep's shared state, one row ('global'): the claim that lets one sweep run per interval across
 * every viewer and every RecDesk instance on this database, and the outcome the /tasks status line shows.
 */
export const recordTaskSweeps = pgTable("record_task_sweeps", {
  id: text("id").primaryKey(),
  /** Set by the instance that runs a sweep; another waits until it is older than the TTL (or the sweep ends). */
  claimedAt: timestamp("claimed_at", { withTimezone: true }),
  claimedBy: text("claimed_by"),
  lastStartedAt: timestamp("last_started_at", { withTimezone: true }),
  lastSuccessAt: timestamp("last_success_at", { withTimezone: true }),
  lastErrorAt: timestamp("last_error_at", { withTimezone: true }),
  lastErrorCode: text("last_error_code"),
  lastErrorMessage: text("last_error_message"),
  lastErrorRequestId: text("last_error_request_id"),
  /** Calls and tasks of the last finished sweep (successful or not), for the status line and the bench. */
  lastCalls: integer("last_calls"),
  lastTaskCount: integer("last_task_count"),
  lastDurationMs: integer("last_duration_ms"),
});

export type RecordTaskSweepRow = typeof recordTaskSweeps.$inferSelect;
