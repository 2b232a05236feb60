// npm run bench:callbacks — Tencent's callbacks at a sustained rate against RecDesk's receiver (the same
// receiveCallback the route calls, behind node:http on a local port, with the processing queue running), then
// checks that nothing was lost: every answer 200, every distinct event stored once, every one processed, one file
// per record-file event. Reports the rate achieved and the answer time (p50/p99/max), on PGlite (on disk, in a
// temp dir) and on Postgres too when DATABASE_URL is set (a scratch database, dropped afterwards).
// Writes bench/results/callbacks.json. CALLBACKS_BENCH_RATE (default 500/s), CALLBACKS_BENCH_SECONDS (default 10), CALLBACKS_BENCH_RETRY_SHARE (0.1).
// The load generator (bench/callbacks-load.ts) runs in its own process, as Tencent does; on a shared 2-core
// machine the figures are a floor, not a ceiling.
import { randomBytes } from "node:crypto";
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { isNull, sql } from "drizzle-orm";
import { Client } from "pg";
import { createCallbackQueue } from "@/lib/callbacks/queue";
import { receiveCallback } from "@/lib/callbacks/receive";
import { createEventStore } from "@/lib/callbacks/store";
import { callbackEvents, recordingFiles } from "@/lib/db/schema/callbacks";
import { openPglite } from "@/lib/db/pglite";
import { openPostgres } from "@/lib/db/postgres";
import type { OpenDatabase } from "@/lib/db/types";

const RATE = Number(process.env.CALLBACKS_BENCH_RATE ?? 500);
const SECONDS = Number(process.env.CALLBACKS_BENCH_SECONDS ?? 10);
const RETRY_SHARE = Number(process.env.CALLBACKS_BENCH_RETRY_SHARE ?? 0.1);
const KEY = "bench-callback-key";

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const results: Record<string, unknown>[] = [];

async function run(label: string, open: OpenDatabase): Promise<void> {
  const queue = createCallbackQueue({ getDb: async () => open.db, streamsChanged: () => {} });
  const store = createEventStore(async () => open.db);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const request = new Request("http://127.0.0.1/api/callbacks/live", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: Buffer.concat(chunks),
      });
      void receiveCallback(request, { key: KEY, store, onStored: () => queue.notify() }).then(async (answer) => {
        res.writeHead(answer.status, { "Content-Type": "application/json" });
        res.end(await answer.text());
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  const WARMUP = Math.min(RATE, 250);
  const total = RATE * SECONDS;
  const child = spawn(
    process.execPath,
    [
      "--conditions=react-server",
      "--import",
      "tsx",
      "bench/callbacks-load.ts",
      ...[port, RATE, SECONDS, RETRY_SHARE, WARMUP].map(String),
      KEY,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let out = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => (out += chunk));
  await new Promise<void>((resolve, reject) =>
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`load generator exited with ${code}`)))),
  );
  const load = JSON.parse(out) as {
    sendSeconds: number;
    maxInflight: number;
    latencies: number[];
    statuses: Record<string, number>;
    distinct: number;
    distinctFiles: number;
  };
  const { sendSeconds, maxInflight } = load;
  const sorted = load.latencies;
  const statuses = new Map(Object.entries(load.statuses).map(([k, v]) => [Number(k), v]));
  const t1 = performance.now();
  // Processing runs behind the answers; wait until the queue has caught up.
  for (;;) {
    await queue.idle();
    const [left] = await open.db
      .select({ n: sql<number>`count(*)::int` })
      .from(callbackEvents)
      .where(isNull(callbackEvents.processedAt));
    if (left!.n === 0) break;
    queue.notify();
    await new Promise((r) => setTimeout(r, 50));
  }
  const drainSeconds = (performance.now() - t1) / 1000;

  const [events] = await open.db.select({ n: sql<number>`count(*)::int` }).from(callbackEvents);
  const [files] = await open.db.select({ n: sql<number>`count(*)::int` }).from(recordingFiles);
  const distinctFiles = load.distinctFiles;
  const sent = { length: load.distinct };
  const ok = statuses.get(200) ?? 0;
  const lost = total + WARMUP - ok + Math.abs(events!.n - sent.length) + Math.abs(files!.n - distinctFiles);
  console.log(
    `\n${label}: ${total} callbacks at a target ${RATE}/s for ${SECONDS} s (${Math.round(RETRY_SHARE * 100)}% retries), after ${WARMUP} to warm up`,
  );
  console.log(
    `  achieved      ${(total / sendSeconds).toFixed(0)}/s (all answered in ${sendSeconds.toFixed(1)} s), most in flight ${maxInflight}`,
  );
  console.log(`  answers       ${[...statuses].map(([s, c]) => `${s}×${c}`).join(", ")}`);
  console.log(
    `  answer time   p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`,
  );
  console.log(
    `  stored        ${events!.n} events for ${sent.length} distinct (${total + WARMUP - sent.length} retries folded in)`,
  );
  console.log(
    `  files         ${files!.n} of ${distinctFiles}; processing caught up ${drainSeconds.toFixed(1)} s after the last answer`,
  );
  console.log(`  lost          ${lost}`);
  results.push({
    engine: label,
    targetRate: RATE,
    seconds: SECONDS,
    callbacks: total,
    achievedRate: Math.round(total / sendSeconds),
    p50Ms: Number(percentile(sorted, 50).toFixed(1)),
    p99Ms: Number(percentile(sorted, 99).toFixed(1)),
    maxMs: Number(sorted.at(-1)!.toFixed(1)),
    distinctEvents: sent.length,
    storedEvents: events!.n,
    files: files!.n,
    processingCatchUpSeconds: Number(drainSeconds.toFixed(1)),
    lost,
  });
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  queue.stop();
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recdesk-bench-callbacks-"));
try {
  const pglite = await openPglite(dir);
  try {
    await run("PGlite (on disk)", pglite);
  } finally {
    await pglite.close();
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

if (process.env.DATABASE_URL) {
  const name = `recdesk_bench_${randomBytes(4).toString("hex")}`;
  const admin = new Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  const pg = await openPostgres(url.toString(), { max: 10 });
  try {
    await run("Postgres", pg);
  } finally {
    await pg.close();
    await new Promise((r) => setTimeout(r, 100));
    await admin
      .query(`drop database if exists ${name} with (force)`)
      .catch((err) => console.error(`could not drop ${name}: ${(err as Error).message}`));
    await admin.end();
  }
}

fs.mkdirSync("bench/results", { recursive: true });
fs.writeFileSync(
  "bench/results/callbacks.json",
  `${JSON.stringify({ at: new Date().toISOString(), results }, null, 2)}\n`,
);
