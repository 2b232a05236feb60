CREATE TABLE "record_task_sweeps" (
	"id" text PRIMARY KEY NOT NULL,
	"claimed_at" timestamp with time zone,
	"claimed_by" text,
	"last_started_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_error_at" timestamp with time zone,
	"last_error_code" text,
	"last_error_message" text,
	"last_error_request_id" text,
	"last_calls" integer,
	"last_task_count" integer,
	"last_duration_ms" integer
);
--> statement-breakpoint
ALTER TABLE "recording_tasks" ADD COLUMN "family" text DEFAULT 'legacy' NOT NULL;--> statement-breakpoint
ALTER TABLE "recording_tasks" ADD COLUMN "template_id" integer;--> statement-breakpoint
ALTER TABLE "recording_tasks" ADD COLUMN "upstream_stopped_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "recording_tasks" ADD COLUMN "last_seen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "recording_tasks" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "recording_tasks_family_created" ON "recording_tasks" USING btree ("family","created_at");--> statement-breakpoint
CREATE INDEX "recording_tasks_family_end" ON "recording_tasks" USING btree ("family","end_time");