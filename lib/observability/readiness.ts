import "server-only";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase } from "@/lib/db";
import { MIGRATIONS_FOLDER } from "@/lib/db/migrations-folder";
import { BULK_STOP_LEASE } from "@/lib/bulk/lease";
import { runningBulkWorker } from "@/lib/bulk";
import { liveCallHealth } from "./live-events";
import { isShuttingDown } from "./shutdown-state";

// What /api/health/ready answers. Only the database decides readiness (a load balancer should keep sending
// people to an instance whose Tencent calls fail: they see the error code and what to do). The Tencent and
// bulk lease lines are information for whoever reads the probe. Never calls Tencent.

const CHECK_TIMEOUT_MS = 2_000;

export interface Readiness {
  ready: boolean;
  status: "ready" | "not-ready";
  /** The check that failed, when not ready: shutdown, database or migrations. */
  failed?: "shutdown" | "database" | "migrations";
  message?: string;
  checks: { database: "ok" | "failed" | "skipped"; migrations: "ok" | "failed" | "skipped" };
  tencent: { lastSuccessAgoMs: number | null; lastFailureCode?: string; lastFailureAgoMs?: number };
  bulkLease: { state: "held-here" | "held-elsewhere" | "free" | "unknown"; expiresInMs?: number };
}

export async function checkReadiness(): Promise<Readiness> {
  const now = Date.now();
  const live = liveCallHealth();
  const tencent: Readiness["tencent"] = {
    lastSuccessAgoMs: live.lastSuccessAt === undefined ? null : now - live.lastSuccessAt,
    ...(live.lastFailure
      ? { lastFailureCode: live.lastFailure.code, lastFailureAgoMs: now - live.lastFailure.at }
      : {}),
  };
  const notReady = (
    failed: NonNullable<Readiness["failed"]>,
    message: string,
    checks: Readiness["checks"],
  ): Readiness => ({
    ready: false,
    status: "not-ready",
    failed,
    message,
    checks,
    tencent,
    bulkLease: { state: "unknown" },
  });
  if (isShuttingDown())
    return notReady("shutdown", "this instance is shutting down", { database: "skipped", migrations: "skipped" });

  let db;
  let appliedUpTo: number;
  try {
    db = (await withTimeout(openDatabase(), "opening the database")).db;
    const { rows } = await withTimeout(
      db.execute<{ latest: string | null }>(
        sql`select max(created_at)::text as latest from drizzle.__drizzle_migrations`,
      ),
      "the database query",
    );
    appliedUpTo = Number(rows[0]?.latest ?? 0);
  } catch (err) {
    return notReady("database", `the database did not answer: ${firstLine(err)}`, {
      database: "failed",
      migrations: "skipped",
    });
  }
  const expected = latestMigrationWhen();
  if (appliedUpTo < expected)
    return notReady("migrations", "the database is missing migrations this version needs", {
      database: "ok",
      migrations: "failed",
    });
  return {
    ready: true,
    status: "ready",
    checks: { database: "ok", migrations: "ok" },
    tencent,
    bulkLease: await bulkLeaseState(db).catch(() => ({ state: "unknown" as const })),
  };
}

/** The `when` of the newest migration this build ships (drizzle records it as created_at when applied). */
function latestMigrationWhen(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as {
    entries: { when: number }[];
  };
  return Math.max(0, ...journal.entries.map((e) => e.when));
}

async function bulkLeaseState(db: Awaited<ReturnType<typeof openDatabase>>["db"]): Promise<Readiness["bulkLease"]> {
  const { rows } = await withTimeout(
    db.execute<{ holder: string; expires_in_ms: number }>(sql`
      select holder, greatest(0, extract(epoch from (expires_at - now())) * 1000)::int as expires_in_ms
      from worker_leases where name = ${BULK_STOP_LEASE} and expires_at > now()`),
    "the lease query",
  );
  const row = rows[0];
  if (!row) return { state: "free" };
  const here = (await runningBulkWorker())?.id === row.holder;
  return { state: here ? "held-here" : "held-elsewhere", expiresInMs: Number(row.expires_in_ms) };
}

function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split("\n")[0]!;
}
