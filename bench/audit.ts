// npm run bench:audit — inserts AUDIT_BENCH_ROWS (default 1,000,000) hash-chained audit records, then times the
// /audit page's own query functions (first page, deep page, each filter, follow-up list), Verify over the whole
// chain, and a filtered CSV export. PGlite always (on-disk, in a temp dir); Postgres too when DATABASE_URL is set
// (in a scratch database, dropped afterwards).
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { Client } from "pg";
import { openPglite } from "@/lib/db/pglite";
import { openPostgres } from "@/lib/db/postgres";
import type { Database, OpenDatabase } from "@/lib/db/types";
import { auditRecords } from "@/lib/db/schema/audit";
import { GENESIS_HASH, intentHash, outcomeHash, type HashedIntent } from "@/lib/audit/hash";
import { parseAuditFilters } from "@/lib/audit/filters";
import { listAuditRecords, listFollowUp } from "@/lib/audit/queries";
import { verifyAuditChain } from "@/lib/audit/verify";
import { exportAuditCsv } from "@/lib/audit/export-csv";
import { AUDIT_ACTIONS } from "@/lib/audit/types";

const ROWS = Number(process.env.AUDIT_BENCH_ROWS ?? 1_000_000);
const BATCH = 1_000;
const ACTORS = Array.from({ length: 60 }, (_, i) => ({
  email: `user${i}@recdesk.local`,
  role: ["support", "oncall", "manager", "admin"][i % 4]!,
  userId: randomUUID(),
}));
const REASONS = [
  "runaway recording",
  "customer asked to stop",
  "duplicate task",
  "wrong template",
  "test stream",
  "ticket",
];

// Deterministic pseudo-random (mulberry32) so both drivers get the same data.
let seed = 20_181;
const rnd = (n: number) => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * n);
};

async function fill(db: Database): Promise<{
  seconds: number;
  sample: { taskId: string; stream: string; actor: string; midDay: Date; jobId: string };
}> {
  const started = performance.now();
  seed = 20_181;
  const t0 = Date.now() - 365 * 86_400_000;
  const step = (365 * 86_400_000) / ROWS;
  const jobId = randomUUID();
  let prevHash = GENESIS_HASH;
  let sampleTask = "";
  for (let base = 1; base <= ROWS; base += BATCH) {
    const rows = [];
    for (let id = base; id < base + BATCH && id <= ROWS; id++) {
      const actor = ACTORS[rnd(ACTORS.length)]!;
      const action = AUDIT_ACTIONS[rnd(100) < 70 ? 0 : rnd(AUDIT_ACTIONS.length)]!;
      const taskId = String(100_000_000_000 + rnd(5_000_000));
      if (id === Math.floor(ROWS / 2)) sampleTask = taskId;
      const intent: HashedIntent = {
        id,
        at: new Date(Math.floor(t0 + id * step)),
        actorUserId: actor.userId,
        actorEmail: actor.email,
        actorRole: actor.role,
        action,
        domainName: "push.example.com",
        appName: "live",
        streamName: `stream-${rnd(5_000)}`,
        taskId,
        jobId: id % 1_000 === 0 ? jobId : null,
        reason: `${REASONS[rnd(REASONS.length)]} #${rnd(100_000)}`,
        clientIp: `10.0.${rnd(256)}.${rnd(256)}`,
        userAgent: "Mozilla/5.0 (bench)",
        details: null,
        prevHash,
      };
      const hash = intentHash(intent);
      prevHash = hash;
      const r = rnd(1_000);
      const outcome = r < 900 ? "ok" : r < 960 ? "error" : r < 985 ? "denied" : r < 998 ? "invalid" : "unknown";
      const result = {
        outcome,
        finishedAt: new Date(intent.at.getTime() + 150),
        requestId: randomUUIDFast(),
        errorCode: outcome === "error" ? "InternalError" : null,
        errorMessage: outcome === "error" ? "upstream failed" : null,
        latencyMs: 20 + rnd(400),
        outcomeDetails: null,
      };
      rows.push({
        ...intent,
        hash,
        ...result,
        outcome: result.outcome as "ok",
        outcomeHash: outcomeHash(hash, result),
      });
    }
    await db.insert(auditRecords).values(rows);
    if (base % 100_000 === 1 && base > 1)
      process.stdout.write(`  ${base - 1} rows, ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  }
  await db.execute(sql`select setval(pg_get_serial_sequence('audit_records', 'id'), ${ROWS})`);
  await db.execute(sql`analyze audit_records`);
  return {
    seconds: (performance.now() - started) / 1000,
    sample: {
      taskId: sampleTask,
      stream: "stream-42",
      actor: ACTORS[7]!.email,
      midDay: new Date(t0 + 180 * 86_400_000),
      jobId,
    },
  };
}

function randomUUIDFast(): string {
  return randomBytes(16).toString("hex");
}

async function time(label: string, fn: () => Promise<number>, runs = 5): Promise<void> {
  await fn(); // warm-up
  const ms: number[] = [];
  let n = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    n = await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  console.log(`  ${label.padEnd(48)} median ${ms[Math.floor(runs / 2)]!.toFixed(1).padStart(8)} ms   (${n} rows)`);
}

async function run(name: string, opened: OpenDatabase): Promise<void> {
  const { db } = opened;
  console.log(`\n== ${name}: inserting ${ROWS.toLocaleString("en")} chained records`);
  const { seconds, sample } = await fill(db);
  console.log(`  insert: ${seconds.toFixed(1)} s (${Math.round(ROWS / seconds).toLocaleString("en")} rows/s)`);
  const f = (q: string) => {
    const r = parseAuditFilters(new URLSearchParams(q));
    if (!r.ok) throw new Error(q);
    return r.filters;
  };
  const page = async (q: string, cursor = {}) => (await listAuditRecords(db, f(q), cursor)).rows.length;
  const day = sample.midDay.toISOString().slice(0, 10);
  await time("first page (no filter)", () => page(""));
  await time("deep page (before id = N/2)", () => page("", { before: Math.floor(ROWS / 2) }));
  await time(`TaskId=${sample.taskId}`, () => page(`taskId=${sample.taskId}`));
  await time(`actor=${sample.actor}`, () => page(`actor=${sample.actor}`));
  await time("action=task.start & outcome=error", () => page("action=task.start&outcome=error"));
  await time(`stream=${sample.stream}`, () => page(`stream=${sample.stream}`));
  await time(`jobId (bulk job, every 1000th record)`, () => page(`jobId=${sample.jobId}`));
  await time(`time range (one day, ${day})`, () => page(`from=${day}T00:00&to=${day}T23:59:59`));
  await time("reason contains 'duplicate' (common)", () => page("q=duplicate"));
  await time("reason contains '#99999' (rare)", () => page("q=%2399999"));
  await time("follow-up list (unknown / stale pending)", async () => (await listFollowUp(db)).length);
  if (process.env.AUDIT_BENCH_EXPLAIN) {
    for (const q of [
      sql`select * from audit_records order by id desc limit 51`,
      sql`select * from audit_records where at >= ${sample.midDay} and at <= ${new Date(sample.midDay.getTime() + 86_400_000)} order by id + 0 desc limit 51`,
    ]) {
      const plan = await db.execute(sql`explain (analyze, buffers) ${q}`);
      console.log((plan.rows as Record<string, string>[]).map((r) => `    ${Object.values(r)[0]}`).join("\n"));
    }
  }
  const v0 = performance.now();
  const report = await verifyAuditChain(db);
  console.log(
    `  verify whole chain: ${((performance.now() - v0) / 1000).toFixed(1)} s, ${report.checked.toLocaleString("en")} records, intact=${report.intact}`,
  );
  const e0 = performance.now();
  const who = {
    actor: { userId: randomUUID(), email: "bench@recdesk.local", name: "bench", role: "admin" as const },
    origin: {},
  };
  const { stream } = await exportAuditCsv(db, f(`actor=${sample.actor}`), {}, who);
  let bytes = 0;
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  console.log(
    `  CSV export actor=${sample.actor}: ${((performance.now() - e0) / 1000).toFixed(1)} s, ${(bytes / 1e6).toFixed(1)} MB`,
  );
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recdesk-bench-audit-"));
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
  const pg = await openPostgres(url.toString(), { max: 4 });
  try {
    await run("Postgres", pg);
  } finally {
    await pg.close();
    await admin
      .query(`drop database if exists ${name}`)
      .catch((err) => console.error(`could not drop ${name}: ${(err as Error).message}`));
    await admin.end();
  }
}
