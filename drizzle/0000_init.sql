CREATE TABLE "sign_in_failures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" text,
	"password_hash" text,
	"oidc_subject" text,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email"),
	CONSTRAINT "users_oidc_subject_unique" UNIQUE("oidc_subject")
);
--> statement-breakpoint
CREATE TABLE "recording_tasks" (
	"task_id" text PRIMARY KEY NOT NULL,
	"domain_name" text DEFAULT '' NOT NULL,
	"app_name" text DEFAULT 'live' NOT NULL,
	"stream_name" text NOT NULL,
	"state" text DEFAULT 'unknown' NOT NULL,
	"mode" text,
	"file_format" text,
	"record_type" text,
	"start_time" timestamp with time zone,
	"end_time" timestamp with time zone,
	"source" text NOT NULL,
	"created_by_user_id" uuid,
	"created_by_email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"stopping_since" timestamp with time zone,
	"stopped_at" timestamp with time zone,
	"last_action" text,
	"last_action_at" timestamp with time zone,
	"last_action_by" text,
	"last_ok" text,
	"last_request_id" text,
	"last_error_code" text,
	"last_error_message" text
);
--> statement-breakpoint
CREATE TABLE "audit_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp (3) with time zone,
	"actor_user_id" uuid,
	"actor_email" text,
	"actor_role" text,
	"action" text NOT NULL,
	"domain_name" text,
	"app_name" text,
	"stream_name" text,
	"task_id" text,
	"job_id" uuid,
	"reason" text,
	"outcome" text NOT NULL,
	"request_id" text,
	"error_code" text,
	"error_message" text,
	"latency_ms" integer,
	"client_ip" text,
	"user_agent" text,
	"details" jsonb,
	"prev_hash" text,
	"hash" text,
	"outcome_hash" text
);
--> statement-breakpoint
CREATE TABLE "bulk_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"job_id" uuid NOT NULL,
	"task_id" text NOT NULL,
	"domain_name" text DEFAULT '' NOT NULL,
	"app_name" text DEFAULT 'live' NOT NULL,
	"stream_name" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"claimed_by" text,
	"claimed_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"request_id" text,
	"error_code" text,
	"error_message" text,
	"audit_id" integer
);
--> statement-breakpoint
CREATE TABLE "bulk_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_user_id" uuid,
	"created_by_email" text NOT NULL,
	"created_by_role" text,
	"reason" text NOT NULL,
	"state" text DEFAULT 'running' NOT NULL,
	"paused_reason" text,
	"total" integer NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"client_ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "worker_leases" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "recording_tasks" ADD CONSTRAINT "recording_tasks_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_items" ADD CONSTRAINT "bulk_items_job_id_bulk_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."bulk_jobs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sign_in_failures_key_at" ON "sign_in_failures" USING btree ("key","at");--> statement-breakpoint
CREATE INDEX "recording_tasks_state" ON "recording_tasks" USING btree ("state");--> statement-breakpoint
CREATE INDEX "recording_tasks_stream" ON "recording_tasks" USING btree ("domain_name","app_name","stream_name");--> statement-breakpoint
CREATE INDEX "recording_tasks_start" ON "recording_tasks" USING btree ("start_time");--> statement-breakpoint
CREATE INDEX "audit_records_at" ON "audit_records" USING btree ("at","id");--> statement-breakpoint
CREATE INDEX "audit_records_actor" ON "audit_records" USING btree ("actor_email","id");--> statement-breakpoint
CREATE INDEX "audit_records_action" ON "audit_records" USING btree ("action","id");--> statement-breakpoint
CREATE INDEX "audit_records_outcome" ON "audit_records" USING btree ("outcome","id");--> statement-breakpoint
CREATE INDEX "audit_records_task" ON "audit_records" USING btree ("task_id","id");--> statement-breakpoint
CREATE INDEX "audit_records_stream" ON "audit_records" USING btree ("stream_name","id");--> statement-breakpoint
CREATE INDEX "audit_records_job" ON "audit_records" USING btree ("job_id","id");--> statement-breakpoint
CREATE INDEX "bulk_items_job_state" ON "bulk_items" USING btree ("job_id","state","id");