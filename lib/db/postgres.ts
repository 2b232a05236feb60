import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { Pool } from "pg";
import * as schema from "./schema";
import { MIGRATIONS_FOLDER } from "./migrations-folder";
import { componentLogger } from "@/lib/observability/logger";
import { grantRuntimeRole } from "./runtime-grants";
import type { Database, OpenDatabase } from "./types";

// Any fixed number works; it only has to be the same in every RecDesk instance.
const MIGRATION_LOCK_KEY = 7_213_809_122;

/**
 * `migrationUrl` (DATABASE_MIGRATION_URL): migrations run as that role, which then owns the schema; the pool
 * serving RecDesk connects as `connectionString`'s role, which needs only the grants in the README (so it can
 * neither rewrite audit records nor disable their trigger).
 */
export async function openPostgres(
  connectionString: string,
  opts: { max?: number; migrationUrl?: string } = {},
): Promise<OpenDatabase> {
  const pool = keepIdleErrors(new Pool({ connectionString, max: opts.max ?? 10 }));
  const location = redact(connectionString);
  const migrator = opts.migrationUrl ? keepIdleErrors(new Pool({ connectionString: opts.migrationUrl, max: 1 })) : pool;
  try {
    const lock = await migrator.connect();
    try {
      // Several instances may start together; the lock makes exactly one of them apply migrations.
      await lock.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
      await migrate(drizzle({ client: lock, schema }), { migrationsFolder: MIGRATIONS_FOLDER });
      if (migrator !== pool) {
        const { rows } = await pool.query<{ role: string }>("select current_user as role");
        await grantRuntimeRole(lock, rows[0]!.role);
      }
    } finally {
      await lock.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
      lock.release();
    }
  } catch (err) {
    await pool.end().catch(() => {});
    const where = opts.migrationUrl ? `${location} (migrating as ${redact(opts.migrationUrl)})` : location;
    throw new Error(`The Postgres database at ${where} could not be prepared: ${(err as Error).message}`);
  } finally {
    if (migrator !== pool) await migrator.end().catch(() => {});
  }
  return {
    db: drizzle({ client: pool, schema }) as unknown as Database,
    driver: "postgres",
    location,
    close: () => pool.end(),
  };
}

/**
 * pg re-emits an idle connection's error (Postgres restarting, an administrator's pg_terminate_backend, a failover,
 * a dropped socket) on its pool, and an "error" event nobody listens to ends the process: the whole console would
 * go down with one idle connection. The pool has already dropped that connection and opens another on the next
 * query, so a warning line is all it takes.
 */
function keepIdleErrors(pool: Pool): Pool {
  pool.on("error", (err: Error & { code?: string }) => {
    componentLogger("db").warn(
      { event: "db.idle-connection-lost", code: err.code },
      `An idle Postgres connection was closed (${err.message}); the next query opens a new one.`,
    );
  });
  return pool;
}

export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}
