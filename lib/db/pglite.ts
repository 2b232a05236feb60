import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import * as schema from "./schema";
import { lockDataDir } from "./data-dir-lock";
import { MIGRATIONS_FOLDER } from "./migrations-folder";
import type { Database, OpenDatabase } from "./types";

/**
 * Opens (creating if needed) the embedded Postgres. `dataDir` undefined = in memory, for tests, which may
 * start it from `loadDataDir` (a dumpDataDir() snapshot: about a third of the time of a fresh initdb).
 */
export async function openPglite(
  dataDir: string | undefined,
  opts: { loadDataDir?: Blob } = {},
): Promise<OpenDatabase> {
  const pgDir = dataDir ? path.join(dataDir, "pglite") : undefined;
  const release = dataDir ? await lockDataDir(dataDir) : async () => {};
  let client: PGlite;
  try {
    // pg_trgm backs the audit log's reason search (migration 0004).
    client = await PGlite.create(pgDir ?? "memory://", {
      extensions: { pg_trgm },
      ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    });
    await client.query("select 1");
  } catch (err) {
    await release();
    throw new Error(
      `The embedded database in ${pgDir} could not be opened (${(err as Error).message}). ` +
        `If it is damaged, move it aside (mv ${pgDir} ${pgDir}.broken) and start again: RecDesk creates a fresh one.`,
    );
  }
  const db = drizzle({ client, schema }) as unknown as Database;
  await migrate(drizzle({ client, schema }), { migrationsFolder: MIGRATIONS_FOLDER });
  return {
    db,
    driver: "pglite",
    location: pgDir ?? "memory",
    async close() {
      await client.close();
      await release();
    },
  };
}
