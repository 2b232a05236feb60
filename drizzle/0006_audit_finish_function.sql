-- The one way RecDesk's runtime role writes an outcome. With DATABASE_MIGRATION_URL set, the schema (and this
-- function) belongs to the migration role and the runtime role has only SELECT and INSERT on audit_records:
-- it can neither UPDATE nor DELETE a record nor disable the trigger. SECURITY DEFINER runs this as the owner,
-- and it can do no more than the trigger allows anyway: give a pending intent its outcome, once.
-- Input: a JSON array of {id, outcome, finished_at, request_id, error_code, error_message, latency_ms,
-- outcome_details, outcome_hash}. Returns the ids that received their outcome (a finished one is left alone).
CREATE OR REPLACE FUNCTION audit_finish(outcomes jsonb) RETURNS SETOF bigint
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  UPDATE audit_records a SET outcome = v.outcome, finished_at = v.finished_at, request_id = v.request_id,
    error_code = v.error_code, error_message = v.error_message, latency_ms = v.latency_ms,
    outcome_details = v.outcome_details, outcome_hash = v.outcome_hash
  FROM jsonb_to_recordset(outcomes) AS v(id bigint, outcome text, finished_at timestamptz, request_id text, error_code text,
    error_message text, latency_ms integer, outcome_details jsonb, outcome_hash text)
  WHERE a.id = v.id AND a.outcome = 'pending' AND v.outcome <> 'pending'
  RETURNING a.id
$$;
