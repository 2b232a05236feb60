// npm run bench:bulk — a 1,000-task bulk stop through the real worker (database queue, audit records, lease,
// shared StopLiveRecord limiter) against the simulator at 20 ms and 100 ms latency and its 200/s limit, beside
// two naive baselines with the official SDK: one call after another, and every call at once; then the mixed run
// (1,000 legacy + 200 RecordTask tasks in one job, bench/bulk-mixed.ts). BENCH_MIXED_ONLY=1 runs only that;
// BENCH_BULK_ONLY=1 only the worker runs, BENCH_RUNS times each (default 1), to collect a spread quickly.
// Runs on Postgres when DATABASE_URL is set (also on PGlite), else PGlite in memory. The simulator runs in its own
// process, as Tencent Cloud would. Writes bench/results/bulk.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { CommonClient } from "tencentcloud-sdk-nodejs-common";
import { createBulkJob } from "@/lib/bulk/create";
import { createBulkWorker } from "@/lib/bulk/worker";
import { createLiveClient } from "@/lib/tencent-live/client";
import { startSimulatorProcess, type SimulatorProcess } from "./simulator-process";
import { mixedRun } from "./bulk-mixed";
import { scratchDb } from "./scratch-db";

const ITEMS = Number(process.env.BENCH_ITEMS ?? 1000);
const LIMIT = 200;
const FLOOR_S = ITEMS / LIMIT;
const SEQUENTIAL_CAP = Number(process.env.BENCH_SEQUENTIAL_CALLS ?? 200);
const LATENCIES = [20, 100];

delete process.env.http_proxy; // the SDK would silently send loopback calls through it

async function bulkRun(driver: "pglite" | "postgres", latencyMs: number) {
  const sim = await startSimulatorProcess({ latencyMs, streams: 100, tasks: ITEMS, seed: latencyMs, stopLimit: LIMIT });
  const db = await scratchDb(driver);
  try {
    // When the first and last Stop left: the wall time minus (last − first) is the worker's own overhead.
    const sends: number[] = [];
    const client = createLiveClient({
      endpoint: sim.url,
      secretId: sim.secretId,
      secretKey: sim.secretKey,
      rateLimits: { StopLiveRecord: LIMIT },
      onEvent: (e) => {
        if (e.type === "attempt") sends.push(performance.now());
      },
    });
    const job = await createBulkJob(
      db.db,
      { actor: { email: "bench@recdesk.local" }, reason: "bench", targets: await sim.listTasks() },
      100_000,
    );
    if (!job.ok) throw new Error(job.message);
    // The console's own default lanes (RECDESK_BULK_CONCURRENCY unset).
    const worker = createBulkWorker({ db: db.db, client, idlePollMs: 20 });
    const t0 = performance.now();
    worker.start();
    for (;;) {
      const r = await db.db.execute(sql`select state from bulk_jobs where id = ${job.jobId}::uuid`);
      if ((r.rows[0] as { state: string }).state !== "running") break;
      await new Promise((res) => setTimeout(res, 5));
    }
    const t1 = performance.now();
    const wallS = (t1 - t0) / 1000;
    await worker.stop();
    const counts = await db.db.execute(
      sql`select state, count(*)::int as n from bulk_items where job_id = ${job.jobId}::uuid group by state`,
    );
    const byState = Object.fromEntries((counts.rows as { state: string; n: number }[]).map((r) => [r.state, r.n]));
    const audited = await db.db.execute(
      sql`select count(*)::int as n from audit_records where job_id = ${job.jobId}::uuid and outcome = 'ok'`,
    );
    const stoppedInSim = (await sim.listTasks()).filter((t) => t.state === "stopped").length;
    const windows = await sim.rateWindows("StopLiveRecord");
    const rate = ITEMS / wallS;
    return {
      driver,
      latencyMs,
      items: ITEMS,
      wallSeconds: round(wallS),
      firstSendMs: Math.round(sends[0]! - t0),
      sendSpanSeconds: round((sends.at(-1)! - sends[0]!) / 1000, 3),
      afterLastSendMs: Math.round(t1 - sends.at(-1)!),
      floorSeconds: FLOOR_S,
      ratePerSecond: round(rate),
      rateOverLimit: round(rate / LIMIT, 3),
      retries: client.stats().retries,
      rateLimitedBySimulator: windows.reduce((a, w) => a + w.limited, 0),
      maxAcceptedPerSecond: Math.max(0, ...windows.map((w) => w.accepted)),
      stopped: byState.stopped ?? 0,
      failed: byState.failed ?? 0,
      lost: ITEMS - (byState.stopped ?? 0) - (byState.failed ?? 0),
      auditOk: (audited.rows[0] as { n: number }).n,
      stoppedInSimulator: stoppedInSim,
    };
  } finally {
    await db.close();
    await db.drop();
    await sim.close();
  }
}

function sdkFor(sim: SimulatorProcess) {
  return new CommonClient("live.tencentcloudapi.com", "2018-08-01", {
    credential: { secretId: sim.secretId, secretKey: sim.secretKey },
    region: "",
    profile: { httpProfile: { endpoint: `127.0.0.1:${sim.port}`, protocol: "http://", reqTimeout: 30 } },
  });
}

async function sequentialSdk(latencyMs: number) {
  const sim = await startSimulatorProcess({ latencyMs, streams: 100, tasks: ITEMS, seed: latencyMs, stopLimit: LIMIT });
  try {
    const sdk = sdkFor(sim);
    const tasks = (await sim.listTasks()).slice(0, Math.min(SEQUENTIAL_CAP, ITEMS));
    let ok = 0;
    let errors = 0;
    const t0 = performance.now();
    for (const t of tasks) {
      try {
        await sdk.request("StopLiveRecord", { StreamName: t.streamName, TaskId: BigInt(t.taskId) });
        ok += 1;
      } catch {
        errors += 1;
      }
    }
    const s = (performance.now() - t0) / 1000;
    const extrapolated = (s / tasks.length) * ITEMS;
    return {
      latencyMs,
      calls: tasks.length,
      seconds: round(s),
      extrapolatedSecondsFor: ITEMS,
      extrapolatedSeconds: round(extrapolated),
      ratePerSecond: round(tasks.length / s),
      rateOverLimit: round(tasks.length / s / LIMIT, 3),
      ok,
      errors,
      extrapolated: tasks.length < ITEMS,
    };
  } finally {
    await sim.close();
  }
}

async function unthrottledSdk(latencyMs: number) {
  const sim = await startSimulatorProcess({ latencyMs, streams: 100, tasks: ITEMS, seed: latencyMs, stopLimit: LIMIT });
  try {
    const sdk = sdkFor(sim);
    await new Promise((r) => setTimeout(r, 1050 - (Date.now() % 1000))); // start in a fresh second
    const t0 = performance.now();
    const targets = await sim.listTasks();
    const results = await Promise.all(
      targets.map((t) =>
        sdk.request("StopLiveRecord", { StreamName: t.streamName, TaskId: BigInt(t.taskId) }).then(
          () => "ok",
          (e: { code?: string }) => e.code ?? "network",
        ),
      ),
    );
    const s = (performance.now() - t0) / 1000;
    const count = (code: string) => results.filter((r) => r === code).length;
    return {
      latencyMs,
      calls: ITEMS,
      seconds: round(s),
      ok: count("ok"),
      requestLimitExceeded: count("RequestLimitExceeded"),
      otherErrors: ITEMS - count("ok") - count("RequestLimitExceeded"),
      lost: ITEMS - count("ok"),
      stoppedInSimulator: (await sim.listTasks()).filter((t) => t.state === "stopped").length,
    };
  } finally {
    await sim.close();
  }
}

function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

const drivers: ("pglite" | "postgres")[] = process.env.DATABASE_URL ? ["postgres", "pglite"] : ["pglite"];
const mixedOnly = process.env.BENCH_MIXED_ONLY === "1";
const bulkOnly = process.env.BENCH_BULK_ONLY === "1";
const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 1));
const bulk = [];
for (const driver of mixedOnly ? [] : drivers)
  for (const latency of LATENCIES)
    for (let run = 0; run < runs; run++) {
      const r = await bulkRun(driver, latency);
      console.log(
        `bulk worker  ${driver.padEnd(8)} ${String(latency).padStart(3)} ms: ${r.wallSeconds} s (floor ${FLOOR_S} s) → ${r.ratePerSecond}/s = ${r.rateOverLimit} of ${LIMIT}/s; retries ${r.retries}, refused ${r.rateLimitedBySimulator}, max ${r.maxAcceptedPerSecond} in a second, failed ${r.failed}, lost ${r.lost}, audited ${r.auditOk}; first send after ${r.firstSendMs} ms, sends over ${r.sendSpanSeconds} s, done ${r.afterLastSendMs} ms after the last`,
      );
      bulk.push(r);
    }
const sequential = [];
for (const latency of mixedOnly || bulkOnly ? [] : LATENCIES) {
  const r = await sequentialSdk(latency);
  console.log(
    `SDK sequential     ${String(latency).padStart(3)} ms: ${r.calls} calls in ${r.seconds} s → ${r.ratePerSecond}/s = ${r.rateOverLimit} of ${LIMIT}/s; ${ITEMS} would take ~${r.extrapolatedSeconds} s${r.extrapolated ? " (extrapolated)" : ""}`,
  );
  sequential.push(r);
}
const unthrottled = [];
for (const latency of mixedOnly || bulkOnly ? [] : LATENCIES) {
  const r = await unthrottledSdk(latency);
  console.log(
    `SDK all-at-once    ${String(latency).padStart(3)} ms: ${r.ok} ok, ${r.requestLimitExceeded} RequestLimitExceeded, ${r.otherErrors} other errors in ${r.seconds} s → ${r.lost} of ${ITEMS} not stopped (no retries)`,
  );
  unthrottled.push(r);
}
const mixed = [];
for (const driver of bulkOnly ? [] : drivers)
  for (const latency of LATENCIES) {
    const r = await mixedRun(driver, latency, scratchDb);
    console.log(
      `mixed job    ${driver.padEnd(8)} ${String(latency).padStart(3)} ms: ${r.legacy} legacy + ${r.recordTasks} RecordTask in ${r.wallSeconds} s (floor ${r.floorSeconds} s, ratio ${r.ratio}); legacy lane's last send at ${r.legacyLastSendSeconds} s (its floor ${r.legacyFloorSeconds} s), RecordTask lane's at ${r.recordTaskLastSendSeconds} s; failed ${r.failed.legacy}+${r.failed.recordTask}, lost ${r.lost}, retries ${r.retries}`,
    );
    mixed.push(r);
  }
mkdirSync("bench/results", { recursive: true });
writeFileSync(
  mixedOnly ? "bench/results/bulk-mixed.json" : "bench/results/bulk.json",
  `${JSON.stringify({ at: new Date().toISOString(), limit: LIMIT, items: ITEMS, bulk, sequential, unthrottled, mixed }, null, 2)}\n`,
);
console.log(`written bench/results/${mixedOnly ? "bulk-mixed" : "bulk"}.json`);
process.exit(0);
