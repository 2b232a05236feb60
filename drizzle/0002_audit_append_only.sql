-- Append-only audit trail. The application never needs more than: INSERT a record, and give a pending
-- intent its outcome exactly once. Everything else is refused here, in the database, so neither a bug
-- nor someone with the application's credentials can quietly rewrite history. (A superuser can still
-- disable the trigger; the hash chain, checked by "Verify integrity", is what catches that.)
CREATE OR REPLACE FUNCTION audit_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'audit_records is append-only: TRUNCATE refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'audit_records is append-only: DELETE of record % refused', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.outcome <> 'pending' THEN
    RAISE EXCEPTION 'audit_records is append-only: record % is finished (%) and cannot change', OLD.id, OLD.outcome USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.outcome = 'pending' OR NEW.finished_at IS NULL OR NEW.outcome_hash IS NULL THEN
    RAISE EXCEPTION 'audit_records is append-only: record % may only change from pending to a final outcome with its outcome hash', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF ROW(NEW.id, NEW.at, NEW.actor_user_id, NEW.actor_email, NEW.actor_role, NEW.action, NEW.domain_name, NEW.app_name,
         NEW.stream_name, NEW.task_id, NEW.job_id, NEW.reason, NEW.client_ip, NEW.user_agent, NEW.details, NEW.prev_hash, NEW.hash)
     IS DISTINCT FROM
     ROW(OLD.id, OLD.at, OLD.actor_user_id, OLD.actor_email, OLD.actor_role, OLD.action, OLD.domain_name, OLD.app_name,
         OLD.stream_name, OLD.task_id, OLD.job_id, OLD.reason, OLD.client_ip, OLD.user_agent, OLD.details, OLD.prev_hash, OLD.hash) THEN
    RAISE EXCEPTION 'audit_records is append-only: the intent of record % cannot change, only its outcome', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_records_append_only BEFORE UPDATE OR DELETE ON audit_records
  FOR EACH ROW EXECUTE FUNCTION audit_records_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_records_no_truncate BEFORE TRUNCATE ON audit_records
  FOR EACH STATEMENT EXECUTE FUNCTION audit_records_append_only();
--> statement-breakpoint
-- A pending intent carries no outcome yet; every record written from now on is chained. NOT VALID: rows
-- written by the pre-chain writer (development data only) are left alone, and Verify reports them.
ALTER TABLE audit_records ADD CONSTRAINT audit_records_outcome_known
  CHECK (outcome IN ('pending', 'ok', 'error', 'denied', 'invalid', 'unknown')) NOT VALID;
--> statement-breakpoint
ALTER TABLE audit_records ADD CONSTRAINT audit_records_pending_has_no_outcome
  CHECK (outcome <> 'pending' OR (finished_at IS NULL AND outcome_hash IS NULL AND request_id IS NULL
         AND error_code IS NULL AND error_message IS NULL AND latency_ms IS NULL AND outcome_details IS NULL)) NOT VALID;
--> statement-breakpoint
ALTER TABLE audit_records ADD CONSTRAINT audit_records_chained
  CHECK (hash IS NOT NULL AND prev_hash IS NOT NULL AND (outcome = 'pending' OR (outcome_hash IS NOT NULL AND finished_at IS NOT NULL))) NOT VALID;
