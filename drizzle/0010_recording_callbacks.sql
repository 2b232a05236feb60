CREATE TABLE "callback_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dedup_key" text NOT NULL,
	"event_type" integer NOT NULL,
	"raw_body" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deliveries" integer DEFAULT 1 NOT NULL,
	"last_delivery_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"process_error" text
);
--> statement-breakpoint
CREATE TABLE "record_status_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" bigint NOT NULL,
	"task_id" text,
	"domain_name" text DEFAULT '' NOT NULL,
	"app_name" text DEFAULT '' NOT NULL,
	"stream_name" text NOT NULL,
	"record_event" text NOT NULL,
	"event_time" timestamp with time zone NOT NULL,
	"error_text" text
);
--> statement-breakpoint
CREATE TABLE "recording_files" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"domain_name" text DEFAULT '' NOT NULL,
	"app_name" text DEFAULT '' NOT NULL,
	"stream_name" text NOT NULL,
	"task_id" text,
	"file_id" text NOT NULL,
	"file_format" text NOT NULL,
	"start_time" timestamp with time zone NOT NULL,
	"end_time" timestamp with time zone NOT NULL,
	"duration_seconds" integer NOT NULL,
	"file_size" bigint NOT NULL,
	"video_url" text NOT NULL,
	"event_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "record_status_events" ADD CONSTRAINT "record_status_events_event_id_callback_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."callback_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recording_files" ADD CONSTRAINT "recording_files_event_id_callback_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."callback_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "callback_events_dedup_key" ON "callback_events" USING btree ("dedup_key");--> statement-breakpoint
CREATE INDEX "callback_events_unprocessed" ON "callback_events" USING btree ("id") WHERE "callback_events"."processed_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "record_status_events_event" ON "record_status_events" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "record_status_events_stream" ON "record_status_events" USING btree ("stream_name","domain_name","app_name","event_time" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "record_status_events_task" ON "record_status_events" USING btree ("task_id","event_time" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "recording_files_file_id" ON "recording_files" USING btree ("file_id");--> statement-breakpoint
CREATE INDEX "recording_files_recent" ON "recording_files" USING btree ("start_time" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "recording_files_stream" ON "recording_files" USING btree ("stream_name","domain_name","app_name","start_time" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "recording_files_task" ON "recording_files" USING btree ("task_id");