import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { OpenDatabase } from "@/lib/db/types";
import { drivers, openTestDb } from "../helpers/test-db";

// The readiness probe against a real database: 200 when it answers and every migration is applied, 503 naming
// the failed check otherwise. lib/db's process-wide handle is replaced by the test's database (or a failure).
const current: { open?: Promise<OpenDatabase> } = {};
vi.mock("@/lib/db", () => ({ openDatabase: () => current.open! }));

const { checkReadiness } = await import("@/lib/observability/readiness");
const { GET } = await import("@/app/api/health/ready/route");
const { GET: live } = await import("@/app/api/health/live/route");
const { markShuttingDown } = await import("@/lib/observability/shutdown-state");

describe.each(drivers)("GET /api/health/ready (%s)", (driver) => {
  let db: OpenDatabase;
  beforeAll(async () => {
    db = await openTestDb(driver);
  });
  afterAll(async () => {
    await db?.close();
  });

  it("answers 200 with the checks, the Tencent line and the bulk lease state when the database is migrated", async () => {
    current.open = Promise.resolve(db);
    const res = await GET();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      ready: true,
      checks: { database: "ok", migrations: "ok" },
      tencent: { lastSuccessAgoMs: null },
      bulkLease: { state: "free" },
    });
    await db.db.execute(
      sql`insert into worker_leases (name, holder, expires_at) values ('bulk-stop', 'other-host:1:abc', now() + interval '15 seconds')`,
    );
    expect((await checkReadiness()).bulkLease.state).toBe("held-elsewhere");
  });

  it("answers 503 naming the migrations check when the database lacks this build's newest migration", async () => {
    current.open = Promise.resolve(db);
    const newest = await db.db.execute<{ id: number }>(
      sql`select id from drizzle.__drizzle_migrations order by created_at desc limit 1`,
    );
    await db.db.execute(sql`delete from drizzle.__drizzle_migrations where id = ${newest.rows[0]!.id}`);
    const res = await GET();
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ready: false, failed: "migrations", checks: { migrations: "failed" } });
  });
});

describe("GET /api/health/ready without a database", () => {
  it("answers 503 naming the database check and what went wrong", async () => {
    current.open = Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:5432"));
    current.open.catch(() => {});
    const res = await GET();
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body).toMatchObject({ ready: false, failed: "database", checks: { database: "failed" } });
    expect(body.message).toContain("ECONNREFUSED");
  });

  it("answers 503 naming the shutdown once SIGTERM has begun; liveness still answers 200", async () => {
    markShuttingDown();
    const res = await GET();
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ failed: "shutdown" });
    const l = live();
    expect(l.status).toBe(200);
    expect(await l.json()).toEqual({ status: "ok" });
  });
});
