import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openPglite } from "@/lib/db/pglite";
import { DataDirLockedError } from "@/lib/db/data-dir-lock";
import { recordingTasks } from "@/lib/db/schema";
import { drivers, openTestDb } from "../helpers/test-db";

describe.each(drivers)("database on %s", (driver) => {
  it("applies every migration and keeps a 64-bit TaskId exact", async () => {
    const { db, close } = await openTestDb(driver);
    try {
      const tables = await db.execute<{ table_name: string }>(sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`);
      const names = tables.rows.map((r) => r.table_name);
      expect(names).toEqual(expect.arrayContaining(["users", "recording_tasks", "audit_records", "bulk_jobs", "bulk_items"]));
      await db.insert(recordingTasks).values({ taskId: "18446744073709551615", streamName: "s1", source: "registered" });
      const [row] = await db.select().from(recordingTasks).where(eq(recordingTasks.taskId, "18446744073709551615"));
      expect(row?.taskId).toBe("18446744073709551615");
    } finally {
      await close();
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
