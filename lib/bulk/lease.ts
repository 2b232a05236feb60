import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db/types";

/** The lease the bulk worker must hold to send Stops; one holder per database (see README.md). */
export const BULK_STOP_LEASE = "bulk-stop";

/**
 * Takes the lease if it is free or expired, or renews it if `holder` already has it. Expiry is judged by the
 * database clock, so instances with skewed clocks still agree on who holds it.
 */
export async function acquireLease(db: Database, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const result = await db.execute(sql`
    insert into worker_leases (name, holder, expires_at)
    values (${name}, ${holder}, now() + make_interval(secs => ${ttlMs / 1000}))
    on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
      where worker_leases.holder = excluded.holder or worker_leases.expires_at < now()
    returning holder`);
  return result.rows.length === 1;
}

/** Gives the lease up at once (clean shutdown), so another instance need not wait for it to expire. */
export async function releaseLease(db: Database, name: string, holder: string): Promise<void> {
  await db.execute(sql`delete from worker_leases where name = ${name} and holder = ${holder}`);
}
