import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

export const TASK_STATES = ["scheduled", "recording", "stopping", "stopped", "failed", "unknown"] as const;
export type TaskState = (typeof TASK_STATES)[number];

/**
 * The registry of legacy recording tasks. Tencent has no API that lists them, so RecDesk keeps every
 * TaskId it creates, is told about, or (in demo mode) finds seeded in the simulator.
 * TaskIds are 64-bit unsigned: kept as decimal text so no layer can round them.
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
    source: text("source").$type<"created" | "registered" | "seeded">().notNull(),
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
  },
  (t) => [
    index("recording_tasks_state").on(t.state),
    index("recording_tasks_stream").on(t.domainName, t.appName, t.streamName),
    index("recording_tasks_start").on(t.startTime),
  ],
);

export type RecordingTask = typeof recordingTasks.$inferSelect;
