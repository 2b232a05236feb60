// npm run bench:callbacks — Tencent's callbacks at a sustained rate against RecDesk's receiver (the same
// receiveCallback the route calls, behind node:http on a local port, with the processing queue running), then
// checks that nothing was lost: every answer 200, every distinct event stored once, every one processed, one file
// per record-file event. Reports the rate achieved and the answer time (p50/p99/max), on PGlite (on disk, in a
// temp dir) and on Postgres too when DATABASE_URL is set (a scratch database, dropped afterwards).
// Writes bench/results/callbacks.json. CALLBACKS_BENCH_RATE (default 500/s), CALLBACKS_BENCH_SECONDS (default 10), CALLBACKS_BENCH_RETRY_SHARE (0.1).
// The load generator runs in the same process: on a shared 2-core machine the figures are a floor, not a ceiling.
import { randomBytes } from "node:crypto";
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
import { callbackSign } from "@/lib/tencent-live/callback-types";

const RATE = Number(process.env.CALLBACKS_BENCH_RATE ?? 500);
const SECONDS = Number(process.env.CALLBACKS_BENCH_SECONDS ?? 10);
const RETRY_SHARE = Number(process.env.CALLBACKS_BENCH_RETRY_SHARE ?? 0.1);
const KEY = "bench-callback-key";

let n = 0;
/** One distinct event: mostly record files and record statuses, some stream begin/end, as a busy account sends. */
function nextEvent(): Record<string, unknown> {
  const i = ++n;
  const now = Math.floor(Date.now() / 1000);
  const stream = `bench_${i % 400}`;
  switch (i % 4) {
    case 0:
    case 1:
      return {
        event_type: 100,
        appid: 1250000000,
        app: "push.example.com",
        appname: "live",
        stream_id: stream,
        channel_id: stream,
        file_id: `5285890${String(i).padStart(12, "0")}`,
        file_format: i % 3 ? "mp4" : "hls",
        task_id: "",
        start_time: now - 1800,
        end_time: now - 5,
        duration: 1795,
        file_size: 561_000_000 + i,
        video_url: `https://1250000000.vod2.myqcloud.com/bench/${i}/f0.mp4`,
      };
    case 2:
      return {
        event_type: 332,
        appid: 1250000000,
        domain: "push.example.com",
        appname: "live",
        stream_id: stream,
        task_id: `task-${i}`,
        session_id: `s-${i}`,
        seq: i,
        event_time: now,
        record_event: i % 8 === 2 ? "record_ended" : "record_start_succeeded",
      };
    default:
      return {
        event_type: i % 8 === 3 ? 1 : 0,
        appid: 1250000000,
        app: "push.example.com",
        appname: "live",
        stream_id: stream,
        channel_id: stream,
        event_time: now,
        sequence: String(i),
      };
  }
}

function sign(body: Record<string, unknown>): string {
  const t = Math.floor(Date.now() / 1000) + 600;
  return JSON.stringify({ ...body, t, sign: callbackSign(KEY, t) });
}

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
  const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });

  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const sent: Record<string, unknown>[] = [];
  let inflight = 0;
  let maxInflight = 0;

  function post(body: string): Promise<void> {
    inflight++;
    maxInflight = Math.max(maxInflight, inflight);
    const t0 = performance.now();
    return new Promise((resolve) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port,
          path: "/api/callbacks/live",
          method: "POST",
          agent,
          headers: { "content-type": "application/json" },
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            latencies.push(performance.now() - t0);
            statuses.set(res.statusCode ?? 0, (statuses.get(res.statusCode ?? 0) ?? 0) + 1);
            inflight--;
            resolve();
          });
        },
      );
      req.on("error", () => {
        statuses.set(-1, (statuses.get(-1) ?? 0) + 1);
        inflight--;
        resolve();
      });
      req.end(body);
    });
  }

  // Open loop: a tick every 10 ms sends its share of the rate, whether or not earlier answers came back, as
  // Tencent does. A retry re-sends an earlier event, re-signed (only t and sign differ).
  const total = RATE * SECONDS;
  const pending: Promise<void>[] = [];
  const started = performance.now();
  let issued = 0;
  while (issued < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * RATE) + 1);
    for (; issued < due; issued++) {
      const retry = sent.length > 10 && Math.random() < RETRY_SHARE;
      const body = retry ? sent[Math.floor(Math.random() * sent.length)]! : nextEvent();
      if (!retry) sent.push(body);
      pending.push(post(sign(body)));
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  await Promise.all(pending);
  const sendSeconds = (performance.now() - started) / 1000;
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
  const distinctFiles = sent.filter((b) => b.event_type === 100).length;
  const sorted = [...latencies].sort((a, b) => a - b);
  const ok = statuses.get(200) ?? 0;
  const lost = total - ok + Math.abs(events!.n - sent.length) + Math.abs(files!.n - distinctFiles);
  console.log(
    `\n${label}: ${total} callbacks at a target ${RATE}/s for ${SECONDS} s (${Math.round(RETRY_SHARE * 100)}% retries)`,
  );
  console.log(
    `  achieved      ${(total / sendSeconds).toFixed(0)}/s (all answered in ${sendSeconds.toFixed(1)} s), most in flight ${maxInflight}`,
  );
  console.log(`  answers       ${[...statuses].map(([s, c]) => `${s}×${c}`).join(", ")}`);
  console.log(
    `  answer time   p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`,
  );
  console.log(
    `  stored        ${events!.n} events for ${sent.length} distinct (${total - sent.length} retries folded in)`,
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
  agent.destroy();
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
