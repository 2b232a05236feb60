import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { Pool } from "pg";
import * as schema from "./schema";
import { MIGRATIONS_FOLDER } from "./migrations-folder";
import type { Database, OpenDatabase } from "./types";

// Any fixed number works; it only has to be the same in every RecDesk instance.
const MIGRATION_LOCK_KEY = 7_213_809_122;

export async function openPostgres(connectionString: string, opts: { max?: number } = {}): Promise<OpenDatabase> {
  const pool = new Pool({ connectionString, max: opts.max ?? 10 });
  const location = redact(connectionString);
  try {
    const lock = await pool.connect();
    try {
      // Several instances may start together; the lock makes exactly one of them apply migrations.
      await lock.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
      await migrate(drizzle({ client: lock, schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await lock.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
      lock.release();
    }
  } catch (err) {
    await pool.end().catch(() => {});
    throw new Error(`The Postgres database at ${location} could not be prepared: ${(err as Error).message}`);
  }
  return {
    db: drizzle({ client: pool, schema }) as unknown as Database,
    driver: "postgres",
    location,
    close: () => pool.end(),
  };
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
