import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBulkJob } from "@/lib/bulk/create";
import { openPglite } from "@/lib/db/pglite";
import { openPostgres } from "@/lib/db/postgres";
import type { OpenDatabase } from "@/lib/db/types";
import { startSimulator, type Simulator } from "@/lib/tencent-live/simulator";
import { itemStates, jobAudit, registerSimTasks, waitFor } from "./helpers/fixtures";
import { spawnWorker, type WorkerProcess } from "./helpers/spawn-worker";
import { startWireLog, type WireLog } from "./helpers/wire-log";

// Real processes: a SIGKILL mid-job, and two servers on one Postgres. Postgres when DATABASE_URL is set
// (what several servers need), else a PGlite data directory that the processes take turns on.

const adminUrl = process.env.DATABASE_URL;

async function scratchPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `recdesk_bulk_${randomBytes(5).toString("hex")}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

describe("bulk worker processes", () => {
  let sim: Simulator;
  let wire: WireLog;
  beforeAll(async () => {
    sim = await startSimulator({ tasks: 1200, streams: 50, latencyMs: 20, taskIdBase: "9000000000000000000" });
    wire = await startWireLog(sim.url);
  });
  afterAll(async () => {
    await wire?.close();
    await sim?.close();
  });

  const simEnv = () => ({ BULK_SIM_URL: wire.url, BULK_SECRET_ID: sim.secretId, BULK_SECRET_KEY: sim.secretKey });

  it(`finishes a job after its worker is SIGKILLed mid-job, every item with exactly one outcome (${adminUrl ? "postgres" : "pglite"})`, async () => {
    const tasks = sim.listTasks().slice(0, 600);
    const pg = adminUrl ? await scratchPostgres() : undefined;
    const dataDir = pg ? undefined : mkdtempSync(path.join(tmpdir(), "recdesk-bulk-"));
    const dbEnv: Record<string, string> = pg ? { BULK_DB_URL: pg.url } : { BULK_DATA_DIR: dataDir! };
    const openDb = (): Promise<OpenDatabase> => (pg ? openPostgres(pg.url, { max: 2 }) : openPglite(dataDir));
    let db = await openDb();
    let jobId: string;
    try {
      await registerSimTasks(db.db, tasks);
      const r = await createBulkJob(
        db.db,
        { actor: { email: "oncall@recdesk.local" }, reason: "crash test", targets: tasks },
        5000,
      );
      if (!r.ok) throw new Error(r.message);
      jobId = r.jobId;
    } finally {
      if (!pg) await db.close(); // PGlite: one process at a time
    }
    wire.calls.length = 0;

    const first = spawnWorker({ ...simEnv(), ...dbEnv });
    // Kill while a Stop is on the wire: its intent is committed and its answer never reaches the worker. The kill
    // follows the check with no I/O turn between them, so that answer cannot slip through first.
    let inFlightAtKill = 0;
    await waitFor(async () => first.progress.sent >= 150 && (inFlightAtKill = wire.stopsInFlight()) > 0, 60_000, 1);
    first.child.kill("SIGKILL");
    await first.exited;
    const sentBeforeKill = first.progress.sent;

    const second = spawnWorker({ ...simEnv(), ...dbEnv, BULK_EXIT_WHEN_IDLE: "1" });
    expect(await second.exited).toBe(0);
    expect(second.events.filter((e) => e.type === "crash")).toEqual([]);
    const recovered = second.events.find((e) => e.type === "recovered") as
      { report: { neverSent: number; resend: number; completedFromAudit: number } } | undefined;
    expect(recovered).toBeDefined();
    expect(inFlightAtKill).toBeGreaterThan(0);
    expect(recovered!.report.resend).toBeGreaterThan(0);

    if (!pg) db = await openDb();
    try {
      expect(await itemStates(db.db, jobId)).toEqual({ stopped: 600 });
      const job = await db.db.execute(sql`select state from bulk_jobs where id = ${jobId}::uuid`);
      expect(job.rows[0]).toEqual({ state: "done" });
      // Exactly one final audit outcome per item; interrupted intents are marked unknown, never left pending.
      const audit = await jobAudit(db.db, jobId);
      expect(audit.filter((a) => a.outcome === "pending")).toEqual([]);
      const okByTask = new Map<string, number>();
      for (const a of audit) if (a.outcome === "ok") okByTask.set(a.task_id, (okByTask.get(a.task_id) ?? 0) + 1);
      expect(okByTask.size).toBe(600);
      expect([...okByTask.values()].every((n) => n === 1)).toBe(true);
      const unknown = new Set(audit.filter((a) => a.outcome === "unknown").map((a) => a.task_id));
      expect(unknown.size).toBe(recovered!.report.resend);
      // On the wire: every task stopped; a second Stop only for an item whose first one was interrupted.
      const okStops = wire.okStops();
      expect(okStops.size).toBe(600);
      for (const [taskId, n] of okStops) if (n > 1) expect(unknown.has(taskId)).toBe(true);
      expect(sentBeforeKill).toBeLessThan(600);
      // The killed worker's task claims were ended by recovery and the resends' own claims by their outcomes:
      // no task is left "stopping", and every row shows the Stop that stopped it.
      const rows = await db.db.execute(
        sql`select count(*)::int as n from recording_tasks where stopping_since is null and state = 'stopped' and last_request_id is not null`,
      );
      expect(rows.rows[0]).toEqual({ n: 600 });
    } finally {
      await db.close();
      await pg?.drop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);

  it.skipIf(!adminUrl)(
    "two servers on one Postgres process one job without duplicates: one holds the lease and sends",
    async () => {
      const tasks = sim.listTasks().slice(600, 1200);
      const pg = await scratchPostgres();
      const db = await openPostgres(pg.url, { max: 2 });
      const workers: WorkerProcess[] = [];
      try {
        await registerSimTasks(db.db, tasks);
        wire.calls.length = 0;
        for (const name of ["server-a", "server-b"])
          workers.push(spawnWorker({ ...simEnv(), BULK_DB_URL: pg.url, BULK_WORKER_ID: name }));
        await waitFor(async () => workers.every((w) => w.events.some((e) => e.type === "started")), 60_000);
        const r = await createBulkJob(
          db.db,
          { actor: { email: "oncall@recdesk.local" }, reason: "two servers", targets: tasks },
          5000,
        );
        if (!r.ok) throw new Error(r.message);
        await waitFor(async () => ((await itemStates(db.db, r.jobId)).stopped ?? 0) === 600, 90_000, 100);
        const okStops = wire.okStops();
        expect(okStops.size).toBe(600);
        expect([...okStops.values()].every((n) => n === 1)).toBe(true);
        const sent = workers.map((w) => w.progress.sent).sort((a, b) => a - b);
        expect(sent).toEqual([0, 600]);
        const audit = await jobAudit(db.db, r.jobId);
        expect(audit.filter((a) => a.outcome === "ok")).toHaveLength(600);
      } finally {
        for (const w of workers) w.child.kill("SIGTERM");
        await Promise.all(workers.map((w) => w.exited));
        await db.close();
        await pg.drop();
      }
    },
    180_000,
  );
});
