ALTER TABLE "bulk_jobs" ADD COLUMN "resumed_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "bulk_jobs" ADD COLUMN "resumed_by_email" text;--> statement-breakpoint
ALTER TABLE "bulk_jobs" ADD COLUMN "resumed_by_role" text;