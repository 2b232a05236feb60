import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { Client } from "pg";
import { inject } from "vitest";
import { openPglite } from "@/lib/db/pglite";
import { openPostgres } from "@/lib/db/postgres";
import type { OpenDatabase } from "@/lib/db/types";

export type Driver = "pglite" | "postgres";

/**
 * PGlite always; real Postgres too when DATABASE_URL is set. RECDESK_TEST_DRIVERS (e.g. "postgres") narrows
 * that: CI's second pass, which exists for Postgres, leaves PGlite to the first.
 */
export const drivers: Driver[] = (() => {
  const all: Driver[] = process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
  const only = process.env.RECDESK_TEST_DRIVERS?.split(",").map((d) => d.trim());
  return only ? all.filter((d) => only.includes(d)) : all;
})();

/**
 * A fresh, migrated, empty database. On Postgres each call gets its own database, dropped on close,
 * so test files never see each other's rows.
 */
export async function openTestDb(driver: Driver): Promise<OpenDatabase> {
  if (driver === "pglite") {
    // No template when the run was set up for Postgres only (tests/setup/pglite-template.ts): a fresh initdb.
    const template = inject("pgliteTemplatePath");
    return openPglite(undefined, template ? { loadDataDir: new Blob([readFileSync(template)]) } : {});
  }
  const adminUrl = process.env.DATABASE_URL!;
  const name = `recdesk_test_${randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const opened = await openPostgres(url.toString(), { max: 5 });
  return {
    ...opened,
    async close() {
      // pg-pool's end() resolves before its clients' sockets have closed: the forced drop below may end a backend
      // under one of them, which the pool's idle-error listener (lib/db/postgres.ts) reports as a warning.
      await opened.close();
      const dropper = new Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
