import type { NodePgQueryResultHKT } from "drizzle-orm/node-postgres";
import type { PgDatabase } from "drizzle-orm/pg-core";
import type * as schema from "./schema";

/**
 * What every query in RecDesk is written against: the same on PGlite and on node-postgres. Raw
 * `execute()` results are typed as node-postgres's; PGlite's carry the same `rows` array.
 */
export type Database = PgDatabase<NodePgQueryResultHKT, typeof schema>;

export interface OpenDatabase {
  db: Database;
  driver: "pglite" | "postgres";
  /** Where the data lives, for messages: a directory or a redacted URL. */
  location: string;
  close(): Promise<void>;
}
