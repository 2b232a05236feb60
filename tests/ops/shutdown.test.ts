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
import type { Database } from "@/lib/db/types";
import { startSimulator, type Simulator } from "@/lib/tencent-live/simulator";
import { itemStates, jobAudit, registerSimTasks, waitFor } from "../bulk/helpers/fixtures";
import { spawnWorker, type WorkerProcess } from "../bulk/helpers/spawn-worker";
import { startWireLog, type WireLog } from "../bulk/helpers/wire-log";

// Real processes running the server's SIGTERM sequence (tests/ops/helpers/instance-process.ts): a SIGTERM in the
// middle of a bulk job lets the Stops on the wire finish and record their outcomes, exits 0, and gives the lease
// up so the other instance carries on at once instead of after the lease's 15 s. Postgres when DATABASE_URL is
// set (two instances side by side), else PGlite (the next instance opens the directory after the first exits).

const adminUrl = process.env.DATABASE_URL;
const INSTANCE = "tests/ops/helpers/instance-process.ts";

async function scratchPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `recdesk_ops_${randomBytes(5).toString("hex")}`;
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

const leaseAt = (w: WorkerProcess) =>
  w.events.find((e) => e.type === "lease" && e.acquired === true)?.at as number | undefined;

async function leaseRows(db: Database) {
  const r = await db.execute(sql`select holder from worker_leases where name = 'bulk-stop'`);
  return r.rows as { holder: string }[];
}

describe("graceful shutdown of a RecDesk instance (SIGTERM mid-job)", () => {
  let sim: Simulator;
  let wire: WireLog;
  beforeAll(async () => {
    // 150 ms per Stop: dozens are on the wire when the signal arrives.
    sim = await startSimulator({ tasks: 600, streams: 40, latencyMs: 150, taskIdBase: "8000000000000000000" });
    wire = await startWireLog(sim.url);
  });
  afterAll(async () => {
    await wire?.close();
    await sim?.close();
  });
  // LOG_LEVEL: the instances' shutdown lines are part of what is checked.
  const simEnv = () => ({
    BULK_SIM_URL: wire.url,
    BULK_SECRET_ID: sim.secretId,
    BULK_SECRET_KEY: sim.secretKey,
    LOG_LEVEL: "info",
  });

  it(`leaves no intent without an outcome, exits 0, and the other instance takes over at once (${adminUrl ? "postgres" : "pglite"})`, async () => {
    const tasks = sim.listTasks();
    const pg = adminUrl ? await scratchPostgres() : undefined;
    const dataDir = pg ? undefined : mkdtempSync(path.join(tmpdir(), "recdesk-ops-"));
    const dbEnv: Record<string, string> = pg ? { BULK_DB_URL: pg.url } : { BULK_DATA_DIR: dataDir! };
    const openDb = () => (pg ? openPostgres(pg.url, { max: 2 }) : openPglite(dataDir));
    let db = await openDb();
    const instances: WorkerProcess[] = [];
    try {
      await registerSimTasks(db.db, tasks);
      const r = await createBulkJob(
        db.db,
        { actor: { email: "oncall@recdesk.local" }, reason: "rolling restart", targets: tasks },
        5000,
      );
      if (!r.ok) throw new Error(r.message);
      if (!pg) await db.close(); // PGlite: one process at a time
      wire.calls.length = 0;

      const a = spawnWorker({ ...simEnv(), ...dbEnv, BULK_WORKER_ID: "instance-a" }, INSTANCE);
      instances.push(a);
      await waitFor(async () => leaseAt(a) !== undefined, 60_000);
      // Postgres: the second instance runs beside the first and waits for the lease.
      const b0 = pg ? spawnWorker({ ...simEnv(), ...dbEnv, BULK_WORKER_ID: "instance-b" }, INSTANCE) : undefined;
      if (b0) instances.push(b0);

      // SIGTERM while Stops are on the wire.
      let inFlightAtSignal = 0;
      await waitFor(async () => a.progress.sent >= 100 && (inFlightAtSignal = wire.stopsInFlight()) > 0, 60_000, 1);
      const sentAtSignal = a.progress.sent;
      a.child.kill("SIGTERM");
      expect(await a.exited).toBe(0);
      const exitedAt = Date.now();
      expect(inFlightAtSignal).toBeGreaterThan(0);
      expect(a.events.some((e) => e.event === "shutdown.done")).toBe(true);
      expect(a.events.some((e) => e.type === "released")).toBe(true);
      // Every Stop A sent got its answer written before A exited: no intent of A's is left pending.
      const afterA = pg ? db : await openDb();
      const auditAfterA = await jobAudit(afterA.db, r.jobId);
      expect(auditAfterA.filter((x) => x.outcome === "pending")).toEqual([]);
      expect(auditAfterA.length).toBeGreaterThanOrEqual(sentAtSignal);
      // The lease is gone at once, not left to expire.
      expect((await leaseRows(afterA.db)).filter((l) => l.holder === "instance-a")).toEqual([]);
      if (!pg) await afterA.close();

      const b = b0 ?? spawnWorker({ ...simEnv(), ...dbEnv, BULK_WORKER_ID: "instance-b" }, INSTANCE);
      if (!b0) instances.push(b);
      await waitFor(async () => leaseAt(b) !== undefined, 60_000);
      const takeoverMs = leaseAt(b)! - exitedAt;
      console.info(`takeover: instance-b took the bulk lease ${takeoverMs} ms after instance-a exited`);
      if (pg) {
        await waitFor(async () => ((await itemStates(db.db, r.jobId)).stopped ?? 0) === 600, 90_000, 100);
      } else {
        await waitFor(async () => b.progress.sent > 0 && b.progress.inFlight === 0 && b.progress.leading, 90_000);
      }
      b.child.kill("SIGTERM");
      expect(await b.exited).toBe(0);

      if (!pg) db = await openDb();
      expect(await itemStates(db.db, r.jobId)).toEqual({ stopped: 600 });
      const audit = await jobAudit(db.db, r.jobId);
      // Graceful, not a crash: no intent pending, none marked unknown, exactly one ok Stop per task.
      expect(audit.filter((x) => x.outcome === "pending" || x.outcome === "unknown")).toEqual([]);
      const okByTask = new Map<string, number>();
      for (const x of audit) if (x.outcome === "ok") okByTask.set(x.task_id, (okByTask.get(x.task_id) ?? 0) + 1);
      expect(okByTask.size).toBe(600);
      expect([...okByTask.values()].every((n) => n === 1)).toBe(true);
      expect([...wire.okStops().values()].every((n) => n === 1)).toBe(true);
      expect(a.progress.sent + b.progress.sent).toBe(600);
    } finally {
      for (const w of instances) if (w.child.exitCode === null) w.child.kill("SIGKILL");
      await Promise.all(instances.map((w) => w.exited));
      await db.close().catch(() => {});
      // pg's pool.end() resolves before its sockets are gone; a forced drop meanwhile errors in this process.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await pg?.drop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
