// A RecDesk-like server process reduced to its bulk worker, for the crash and two-instance tests:
// `tsx --conditions=react-server tests/bulk/helpers/worker-process.ts`, configured through the environment.
// Prints one JSON line per event, and a progress line every 50 ms, so the parent can kill it mid-job.
import { sql } from "drizzle-orm";
import { createBulkWorker } from "@/lib/bulk/worker";
import { openPglite } from "@/lib/db/pglite";
import { openPostgres } from "@/lib/db/postgres";
import { createLiveClient } from "@/lib/tencent-live/client";

const env = process.env;
const open = env.BULK_DB_URL ? await openPostgres(env.BULK_DB_URL, { max: 8 }) : await openPglite(env.BULK_DATA_DIR!);
const client = createLiveClient({
  endpoint: env.BULK_SIM_URL!,
  secretId: env.BULK_SECRET_ID!,
  secretKey: env.BULK_SECRET_KEY!,
  rateLimits: { StopLiveRecord: 200 },
  timeoutMs: 10_000,
});
const say = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);
const worker = createBulkWorker({
  db: open.db,
  client,
  workerId: env.BULK_WORKER_ID,
  leaseTtlMs: Number(env.BULK_LEASE_TTL_MS ?? 2_000),
  idlePollMs: 100,
  onEvent: (e) => say(e),
});
worker.start();
say({ type: "started", pid: process.pid, id: worker.id });

const progress = setInterval(() => say({ type: "progress", ...worker.stats() }), 50);
const idleExit = env.BULK_EXIT_WHEN_IDLE === "1";
const check = setInterval(async () => {
  if (!idleExit) return;
  const open_ = await open.db.execute(sql`select count(*)::int as n from bulk_jobs where state = 'running'`);
  if ((open_.rows[0] as { n: number }).n === 0 && worker.stats().inFlight === 0) await shutdown();
}, 200);

async function shutdown() {
  clearInterval(progress);
  clearInterval(check);
  await worker.stop();
  say({ type: "exit", ...worker.stats() });
  await open.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown());
