-- Free-text reason search ("INC-4711") is an ILIKE '%…%', which no btree serves: without this index it scans
-- every audit record. pg_trgm ships with PGlite (loaded in lib/db/pglite.ts) and with Postgres' contrib, and is
-- a trusted extension; where a managed Postgres still refuses it, RecDesk starts anyway and the search scans.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'pg_trgm unavailable (%): audit reason search will scan the table', SQLERRM;
END $$;
--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    CREATE INDEX IF NOT EXISTS "audit_records_reason_trgm" ON "audit_records" USING gin ("reason" gin_trgm_ops);
  END IF;
END $$;
