import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { openPglite } from "@/lib/db/pglite";
import { openPostgres } from "@/lib/db/postgres";
import type { OpenDatabase } from "@/lib/db/types";

export type ScratchDb = OpenDatabase & { drop(): Promise<void> };

/**
 * A database of its own for one benchmark run: in-memory PGlite, or a fresh database on DATABASE_URL's server
 * that `drop()` removes afterwards. `close()` may be called before `drop()` or not at all: each happens once.
 */
export async function scratchDb(driver: "pglite" | "postgres"): Promise<ScratchDb> {
  if (driver === "pglite") return withOnceClose(await openPglite(undefined), async () => {});
  return scratchPostgres(process.env.DATABASE_URL!);
}

export async function scratchPostgres(admin: string): Promise<ScratchDb> {
  const name = `recdesk_bench_${randomBytes(5).toString("hex")}`;
  await adminQuery(admin, `create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return withOnceClose(await openPostgres(url.toString(), { max: 10 }), () =>
    adminQuery(admin, `drop database if exists ${name} with (force)`),
  );
}

async function adminQuery(admin: string, text: string) {
  const c = new Client({ connectionString: admin });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

function withOnceClose(open: OpenDatabase, remove: () => Promise<void>): ScratchDb {
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= open.close());
  return {
    ...open,
    close,
    async drop() {
      await close();
      await remove();
    },
  };
}
