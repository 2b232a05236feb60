// The mixed bulk run (issue 13): one job of 1,000 legacy and 200 RecordTask tasks through the real worker. Each
// family has its own limiter — StopLiveRecord 200/s, StopRecordTask 20/s — so the floor is
// max(1000/200, 200/20) = 10 s, set by the slow family; the fast family must still finish in about 5 s (its lanes
// never wait behind the slow one's).
import { sql } from "drizzle-orm";
import { createBulkJob } from "@/lib/bulk/create";
import type { BulkTarget } from "@/lib/bulk/types";
import { createBulkWorker } from "@/lib/bulk/worker";
import type { OpenDatabase } from "@/lib/db/types";
import { createLiveClient } from "@/lib/tencent-live/client";
import { DOCUMENTED_RATE_LIMITS } from "@/lib/tencent-live/types";
import { startSimulatorProcess } from "./simulator-process";

const LEGACY = Number(process.env.BENCH_MIXED_LEGACY ?? 1000);
const RECORD_TASKS = Number(process.env.BENCH_MIXED_RECORD_TASKS ?? 200);
const LEGACY_LIMIT = 200;
const RECORD_TASK_LIMIT = DOCUMENTED_RATE_LIMITS.StopRecordTask;

export async function mixedRun(
  driver: "pglite" | "postgres",
  latencyMs: number,
  scratchDb: (driver: "pglite" | "postgres") => Promise<OpenDatabase & { drop(): Promise<void> }>,
) {
  const sim = await startSimulatorProcess({
    latencyMs,
    streams: 200,
    tasks: LEGACY,
    recordTasks: RECORD_TASKS,
    seed: latencyMs,
    stopLimit: LEGACY_LIMIT,
  });
  const db = await scratchDb(driver);
  try {
    const lastSend = { StopLiveRecord: 0, StopRecordTask: 0 };
    const client = createLiveClient({
      endpoint: sim.url,
      secretId: sim.secretId,
      secretKey: sim.secretKey,
      rateLimits: { StopLiveRecord: LEGACY_LIMIT },
      onEvent: (e) => {
        if (e.type === "attempt" && (e.action === "StopLiveRecord" || e.action === "StopRecordTask"))
          lastSend[e.action] = performance.now();
      },
    });
    const target = (family: BulkTarget["family"]) => (t: BulkTarget) => ({
      taskId: t.taskId,
      streamName: t.streamName,
      appName: t.appName,
      domainName: t.domainName,
      family,
    });
    const legacy: BulkTarget[] = (await sim.listTasks()).map(target("legacy"));
    const recordTasks: BulkTarget[] = (await sim.listRecordTasks()).map(target("recordTask"));
    if (recordTasks.length !== RECORD_TASKS) throw new Error(`simulator seeded ${recordTasks.length} RecordTasks`);
    // Interleaved, so neither family is simply first in the queue.
    const targets = [...legacy];
    recordTasks.forEach((t, i) => targets.splice(i * 6, 0, t));
    const job = await createBulkJob(
      db.db,
      { actor: { email: "bench@recdesk.local" }, reason: "bench mixed", targets },
      100_000,
    );
    if (!job.ok) throw new Error(job.message);
    const worker = createBulkWorker({ db: db.db, client, idlePollMs: 20 });
    const t0 = performance.now();
    worker.start();
    for (;;) {
      const r = await db.db.execute(sql`select state from bulk_jobs where id = ${job.jobId}::uuid`);
      if ((r.rows[0] as { state: string }).state !== "running") break;
      await new Promise((res) => setTimeout(res, 5));
    }
    const wallS = (performance.now() - t0) / 1000;
    await worker.stop();
    const counts = await db.db.execute(
      sql`select family, state, count(*)::int as n from bulk_items where job_id = ${job.jobId}::uuid group by family, state`,
    );
    const rows = counts.rows as { family: string; state: string; n: number }[];
    const n = (family: string, state: string) =>
      rows.filter((r) => r.family === family && r.state === state).reduce((a, r) => a + r.n, 0);
    const total = LEGACY + RECORD_TASKS;
    const done = ["legacy", "recordTask"].reduce((a, f) => a + n(f, "stopped") + n(f, "failed"), 0);
    const floorS = Math.max(LEGACY / LEGACY_LIMIT, RECORD_TASKS / RECORD_TASK_LIMIT);
    return {
      driver,
      latencyMs,
      legacy: LEGACY,
      recordTasks: RECORD_TASKS,
      wallSeconds: round(wallS),
      floorSeconds: floorS,
      ratio: round(floorS / wallS, 3),
      legacyLastSendSeconds: round((lastSend.StopLiveRecord - t0) / 1000),
      legacyFloorSeconds: LEGACY / LEGACY_LIMIT,
      recordTaskLastSendSeconds: round((lastSend.StopRecordTask - t0) / 1000),
      stopped: { legacy: n("legacy", "stopped"), recordTask: n("recordTask", "stopped") },
      failed: { legacy: n("legacy", "failed"), recordTask: n("recordTask", "failed") },
      lost: total - done,
      retries: client.stats().retries,
    };
  } finally {
    await db.close();
    await db.drop();
    await sim.close();
  }
}

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
