import "server-only";
import { getConfig } from "@/lib/config";
import { openPglite } from "./pglite";
import { openPostgres } from "./postgres";
import type { Database, OpenDatabase } from "./types";

export type { Database } from "./types";
export * as tables from "./schema";

const holder = globalThis as unknown as { __recdeskDb?: Promise<OpenDatabase> };

/** The process-wide database: PGlite under RECDESK_DATA_DIR, or Postgres when DATABASE_URL is set. */
export function openDatabase(): Promise<OpenDatabase> {
  holder.__recdeskDb ??= (async () => {
    const config = getConfig();
    return config.databaseUrl
      ? openPostgres(config.databaseUrl, { migrationUrl: config.databaseMigrationUrl })
      : openPglite(config.dataDir);
  })();
  holder.__recdeskDb.catch(() => {
    holder.__recdeskDb = undefined;
  });
  return holder.__recdeskDb;
}

export async function getDb(): Promise<Database> {
  return (await openDatabase()).db;
}

/** Closes the process's database if it was opened (clean shutdown: PGlite flushes and gives its directory up). */
export async function closeDatabase(): Promise<void> {
  const open = holder.__recdeskDb;
  holder.__recdeskDb = undefined;
  if (!open) return;
  const db = await open.catch(() => undefined);
  await db?.close();
}
