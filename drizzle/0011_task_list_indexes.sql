CREATE INDEX "recording_tasks_list_order" ON "recording_tasks" USING btree ("created_at" DESC NULLS FIRST,"start_time" DESC NULLS LAST,"task_id");--> statement-breakpoint
CREATE INDEX "recording_tasks_domain_created" ON "recording_tasks" USING btree ("domain_name","created_at");--> statement-breakpoint
CREATE INDEX "recording_tasks_open_end" ON "recording_tasks" USING btree ("end_time") WHERE "recording_tasks"."deleted_at" is null and "recording_tasks"."state" not in ('stopped', 'failed');--> statement-breakpoint
CREATE INDEX "recording_tasks_stopping" ON "recording_tasks" USING btree ("stopping_since") WHERE "recording_tasks"."stopping_since" is not null;--> statement-breakpoint
CREATE INDEX "recording_tasks_deleted" ON "recording_tasks" USING btree ("deleted_at") WHERE "recording_tasks"."deleted_at" is not null;--> statement-breakpoint
-- The /tasks stream search is an ILIKE '%…%' (as the audit reason search, 0004): a trigram index serves it. Guarded
-- the same way: where pg_trgm is unavailable, RecDesk starts anyway and the search reads the list's own order.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    CREATE INDEX IF NOT EXISTS "recording_tasks_stream_name_trgm" ON "recording_tasks" USING gin ("stream_name" gin_trgm_ops);
  END IF;
END $$;
