// npm run bench:record-tasks — how long one RecordTask sweep takes (DescribeRecordTask calls and seconds) for
// 8, 200 and 1,000 tasks that are all scheduled or recording, against the simulator (20/s per action, pages of
// 100, 20 ms latency per answer) with the real client, limiter and a fresh database (PGlite in memory; also
// Postgres when DATABASE_URL is set). Writes bench/results/record-task-sweep.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { runRecordTaskSweep } from "@/lib/tasks/record-task-sweep";
import { createLiveClient } from "@/lib/tencent-live/client";
import { startSimulator } from "@/lib/tencent-live/simulator";
import { scratchDb } from "./scratch-db";

const SIZES = (process.env.BENCH_SIZES ?? "8,200,1000").split(",").map(Number);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
const HOUR = 3_600_000;

async function run(driver: "pglite" | "postgres", size: number) {
  const sim = await startSimulator({ streams: 0, tasks: 0, recordTasks: 0, latencyMs: LATENCY_MS });
  const db = await scratchDb(driver);
  try {
    // Spread over what a sweep looks for: recording now, and scheduled across the coming week (both windows).
    for (let i = 0; i < size; i++) {
      const start = Date.now() - 12 * HOUR + Math.floor((i / size) * (6 * 24 + 10) * HOUR);
      const r = sim.createRecordTask({
        streamName: `bench_${i}`,
        startTime: Math.floor(start / 1000),
        endTime: Math.floor((start + 2 * HOUR) / 1000),
      });
      if ("error" in r) throw new Error(r.error);
    }
    const client = createLiveClient({ endpoint: sim.url, secretId: sim.secretId, secretKey: sim.secretKey });
    const cold = await runRecordTaskSweep(db.db, async () => client, { ttlMs: 0 });
    const warm = await runRecordTaskSweep(db.db, async () => client, { ttlMs: 0 });
    if (cold.lastError || warm.lastError) throw new Error(JSON.stringify(cold.lastError ?? warm.lastError));
    return {
      driver,
      tasks: size,
      found: cold.lastTaskCount,
      calls: cold.lastCalls,
      coldSeconds: (cold.lastDurationMs ?? 0) / 1000,
      warmSeconds: (warm.lastDurationMs ?? 0) / 1000,
    };
  } finally {
    await db.close();
    await db.drop();
    await sim.close();
  }
}

const drivers: ("pglite" | "postgres")[] = process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
const results = [];
for (const driver of drivers) {
  for (const size of SIZES) {
    const r = await run(driver, size);
    results.push(r);
    console.log(
      `${driver.padEnd(8)} ${String(size).padStart(5)} tasks: ${r.calls} DescribeRecordTask calls, ` +
        `first sweep ${r.coldSeconds.toFixed(2)} s (inserts), next ${r.warmSeconds.toFixed(2)} s (updates), found ${r.found}`,
    );
  }
}
mkdirSync("bench/results", { recursive: true });
writeFileSync(
  "bench/results/record-task-sweep.json",
  JSON.stringify({ at: new Date().toISOString(), latencyMs: LATENCY_MS, results }, null, 2),
);
