import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { openPglite } from "@/lib/db/pglite";
import { MIGRATIONS_FOLDER } from "@/lib/db/migrations-folder";
import { DataDirLockedError } from "@/lib/db/data-dir-lock";
import { recordingTasks } from "@/lib/db/schema";
import { drivers, openTestDb } from "../helpers/test-db";

describe.each(drivers)("database on %s", (driver) => {
  it("applies every migration and keeps a 64-bit TaskId exact", async () => {
    const { db, close } = await openTestDb(driver);
    try {
      const tables = await db.execute<{ table_name: string }>(
        sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
      );
      const names = tables.rows.map((r) => r.table_name);
      expect(names).toEqual(
        expect.arrayContaining(["users", "recording_tasks", "audit_records", "bulk_jobs", "bulk_items"]),
      );
      await db
        .insert(recordingTasks)
        .values({ taskId: "18446744073709551615", streamName: "s1", source: "registered" });
      const [row] = await db.select().from(recordingTasks).where(eq(recordingTasks.taskId, "18446744073709551615"));
      expect(row?.taskId).toBe("18446744073709551615");
    } finally {
      await close();
    }
  });

  it("indexes the audit reason for its free-text (ILIKE) search", async () => {
    const { db, close } = await openTestDb(driver);
    try {
      const idx = await db.execute<{ indexdef: string }>(
        sql`select indexdef from pg_indexes where indexname = 'audit_records_reason_trgm'`,
      );
      expect(idx.rows[0]?.indexdef).toMatch(/USING gin \(reason gin_trgm_ops\)/);
      // With sequential scans priced out, the planner shows it can answer the ILIKE from the index.
      const plan = await db.transaction(async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        return tx.execute<{ "QUERY PLAN": string }>(
          sql`explain select id from audit_records where reason ilike '%inc-4711%'`,
        );
      });
      expect(plan.rows.map((r) => r["QUERY PLAN"]).join("\n")).toContain("audit_records_reason_trgm");
    } finally {
      await close();
    }
  });
});

describe("migrations where pg_trgm cannot be installed", () => {
  it("still apply, leaving the reason search to scan", async () => {
    // A bare PGlite without the extension bundle stands in for a managed Postgres that refuses CREATE EXTENSION.
    const client = await PGlite.create("memory://");
    try {
      await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
      const tables = await client.query<{ n: number }>(
        "select count(*)::int as n from information_schema.tables where table_name = 'audit_records'",
      );
      expect(tables.rows[0]?.n).toBe(1);
      const idx = await client.query("select 1 from pg_indexes where indexname = 'audit_records_reason_trgm'");
      expect(idx.rows).toHaveLength(0);
    } finally {
      await client.close();
    }
  });
});

describe("embedded database directory", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recdesk-db-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("keeps data across a restart and refuses a second process while one holds it", async () => {
    const first = await openPglite(dir);
    await first.db.insert(recordingTasks).values({ taskId: "42", streamName: "kept", source: "registered" });

    // Another process holding the lock: simulate it with this test runner's parent pid, which is alive.
    await first.close();
    fs.writeFileSync(path.join(dir, "recdesk.lock"), String(process.ppid));
    await expect(openPglite(dir)).rejects.toBeInstanceOf(DataDirLockedError);

    // A lock left by a dead process is taken over.
    fs.writeFileSync(path.join(dir, "recdesk.lock"), "999999999");
    const second = await openPglite(dir);
    const rows = await second.db.select().from(recordingTasks);
    expect(rows.map((r) => r.taskId)).toEqual(["42"]);
    await second.close();
  });

  it("names the directory and the fix when the data is damaged", async () => {
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), "recdesk-broken-"));
    fs.mkdirSync(path.join(broken, "pglite"));
    fs.writeFileSync(path.join(broken, "pglite", "PG_VERSION"), "garbage\n");
    fs.writeFileSync(path.join(broken, "pglite", "postgresql.conf"), "\0\0\0");
    await expect(openPglite(broken)).rejects.toThrow(/could not be opened.*move it aside/s);
    fs.rmSync(broken, { recursive: true, force: true });
  });
});
