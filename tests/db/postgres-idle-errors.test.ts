import { sql } from "drizzle-orm";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getLogger, type Logger } from "@/lib/observability/logger";
import type { OpenDatabase } from "@/lib/db/types";
import { drivers, openTestDb } from "../helpers/test-db";

/**
 * Postgres restarting, failing over, or an administrator running pg_terminate_backend closes RecDesk's idle
 * connections under it. pg reports that on the pool; unheard, the event would end the process (and, in this
 * suite, show up as an unhandled error after every test had passed).
 */
describe.runIf(drivers.includes("postgres"))("idle Postgres connections closed under RecDesk (postgres)", () => {
  let open: OpenDatabase;
  beforeAll(async () => {
    open = await openTestDb("postgres");
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await open?.close();
  });

  it("logs a warning, keeps the process up, and the next query gets a new connection", async () => {
    const warnings: { fields: Record<string, unknown>; message: string }[] = [];
    const line = {
      warn: (fields: Record<string, unknown>, message: string) => warnings.push({ fields, message }),
    };
    vi.spyOn(getLogger(), "child").mockReturnValue(line as unknown as ReturnType<Logger["child"]>);

    // Three connections in the pool, all idle once these answer.
    const before = await Promise.all(
      [1, 2, 3].map(() => open.db.execute<{ pid: number }>(sql`select pg_backend_pid() as pid, pg_sleep(0.05)`)),
    );
    const pids = new Set(before.map((r) => r.rows[0]!.pid));
    expect(pids.size).toBe(3);

    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where pid = any($1::int[])", [
        [...pids],
      ]);
    } finally {
      await admin.end();
    }
    await vi.waitFor(() => expect(warnings).toHaveLength(3), { timeout: 10_000 });
    for (const w of warnings) {
      expect(w.fields).toEqual({ event: "db.idle-connection-lost", code: "57P01" });
      expect(w.message).toMatch(/^An idle Postgres connection was closed \(terminating connection/);
    }

    const after = await open.db.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`);
    expect(pids.has(after.rows[0]!.pid)).toBe(false);
  });
});
