import { sql } from "drizzle-orm";
import { bigint, bigserial, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * Every callback Tencent delivered and RecDesk accepted (signature checked), exactly as it came. Tencent
 * retries each minute, up to 12 times, when it is not answered 200 in time, so the same event can arrive many
 * times: `dedupKey` (a hash of the body without its per-delivery `t` and `sign`) keeps it once, and
 * `deliveries` counts the copies. A row is stored before it is answered and processed afterwards:
 * `processedAt` null means "still to do", which is how a crash between the two is picked up again.
 */
export const callbackEvents = pgTable(
  "callback_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    dedupKey: text("dedup_key").notNull(),
    eventType: integer("event_type").notNull(),
    rawBody: text("raw_body").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    deliveries: integer("deliveries").notNull().default(1),
    lastDeliveryAt: timestamp("last_delivery_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
    processError: text("process_error"),
  },
  (t) => [
    uniqueIndex("callback_events_dedup_key").on(t.dedupKey),
    index("callback_events_unprocessed")
      .on(t.id)
      .where(sql`${t.processedAt} is null`),
  ],
);

/**
 * One recording file per `event_type` 100 callback: where a finished recording can be downloaded. `taskId` is
 * text because it may be a RecordTask id (a string), a legacy TaskId (64-bit decimal) or empty (a recording
 * started by a template rule). `fileId` is Tencent's VOD file id, unique per file.
 */
export const recordingFiles = pgTable(
  "recording_files",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    domainName: text("domain_name").notNull().default(""),
    appName: text("app_name").notNull().default(""),
    streamName: text("stream_name").notNull(),
    taskId: text("task_id"),
    fileId: text("file_id").notNull(),
    fileFormat: text("file_format").notNull(),
    startTime: timestamp("start_time", { withTimezone: true }).notNull(),
    endTime: timestamp("end_time", { withTimezone: true }).notNull(),
    durationSeconds: integer("duration_seconds").notNull(),
    fileSize: bigint("file_size", { mode: "number" }).notNull(),
    videoUrl: text("video_url").notNull(),
    eventId: bigint("event_id", { mode: "number" })
      .notNull()
      .references(() => callbackEvents.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("recording_files_file_id").on(t.fileId),
    // Keyset paging, newest first: across streams, per stream, and per task.
    index("recording_files_recent").on(t.startTime.desc(), t.id.desc()),
    index("recording_files_stream").on(t.streamName, t.domainName, t.appName, t.startTime.desc(), t.id.desc()),
    index("recording_files_task").on(t.taskId),
  ],
);

/** Record status callbacks (332): start succeeded or failed, paused, resumed, error, ended; newest per stream/task. */
export const recordStatusEvents = pgTable(
  "record_status_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    eventId: bigint("event_id", { mode: "number" })
      .notNull()
      .references(() => callbackEvents.id),
    taskId: text("task_id"),
    domainName: text("domain_name").notNull().default(""),
    appName: text("app_name").notNull().default(""),
    streamName: text("stream_name").notNull(),
    recordEvent: text("record_event").notNull(),
    eventTime: timestamp("event_time", { withTimezone: true }).notNull(),
    errorText: text("error_text"),
  },
  (t) => [
    uniqueIndex("record_status_events_event").on(t.eventId),
    index("record_status_events_stream").on(t.streamName, t.domainName, t.appName, t.eventTime.desc()),
    index("record_status_events_task").on(t.taskId, t.eventTime.desc()),
  ],
);

export type CallbackEvent = typeof callbackEvents.$inferSelect;
export type RecordingFile = typeof recordingFiles.$inferSelect;
export type RecordStatusEvent = typeof recordStatusEvents.$inferSelect;
