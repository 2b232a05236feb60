// npm run bench:tasks — the /tasks page and "select all matching" on a big registry: a year of a busy account.
//
// Seeds BENCH_TASKS (default 1,000,000) tasks in one INSERT … SELECT generate_series: 95 % legacy, 5 % RecordTask,
// created evenly over 365 days (about 2,700 a day). Of the legacy tasks about half were stopped through RecDesk and the
// rest ended by their EndTime (still stored as "recording": Tencent moves them on, RecDesk only sees the clock), a
// few failed, deleted or unknown; the last day holds the scheduled ones, the last two hours the recording ones, and
// the last three days a few runaways (an EndTime 30 days out). A few hundred tasks are open, as in a real account.
//
// Then it times what the server runs, through the same lib functions: listTasks (the page's count, "select all"
// count and rows) with listTaskDomains (the filter's choices) for the first page, a deep page, each filter and the
// runaway preset; resolveSelection (count + ids) for "select all matching". Median and p95 over BENCH_REPS (20),
// and the ratio of the median to the 50 ms goal.
//
// The baseline, in the same run on the same rows: the queries as they were before (bench/tasks-baseline.ts) on the
// indexes as they were (the new ones are dropped before seeding), BENCH_BASELINE_REPS (5) repetitions. Then the
// migration 0011_task_list_indexes is applied from its file, and today's queries run. Both answer the same: the
// bench checks every count and first page against the baseline's and stops if one differs.
//
// PGlite on disk (a temp dir), as the server keeps it; then Postgres when DATABASE_URL is set (a scratch database).
// BENCH_SKIP_BASELINE=1 skips the baseline. Writes bench/results/tasks.json.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openPglite } from "@/lib/db/pglite";
import { MIGRATIONS_FOLDER } from "@/lib/db/migrations-folder";
import type { Database } from "@/lib/db/types";
import { resolveSelection, type BulkSelection } from "@/lib/bulk/selection";
import type { TaskFilters } from "@/lib/tasks/definitions";
import { listTaskDomains, listTasks } from "@/lib/tasks/registry";
import { TASKS_PAGE_SIZE } from "@/lib/tasks/filters";
import { baselineListTaskDomains, baselineListTasks, baselineResolveSelection } from "./tasks-baseline";
import { scratchPostgres } from "./scratch-db";

const N = Number(process.env.BENCH_TASKS ?? 1_000_000);
const REPS = Number(process.env.BENCH_REPS ?? 20);
const BASELINE_REPS = Number(process.env.BENCH_BASELINE_REPS ?? 5);
const SKIP_BASELINE = process.env.BENCH_SKIP_BASELINE === "1";
const GOAL_MS = 50;
const MAX_ITEMS = 5_000; // RECDESK_BULK_MAX_ITEMS' default
const MIGRATION = "0011_task_list_indexes.sql";
const NEW_INDEXES = [
  "recording_tasks_list_order",
  "recording_tasks_domain_created",
  "recording_tasks_open_end",
  "recording_tasks_stopping",
  "recording_tasks_deleted",
  "recording_tasks_stream_name_trgm",
];

/** What a query answered, to check the new queries against the old ones. */
interface Answer {
  total?: number;
  stoppable?: number;
  firstIds?: string;
  count?: number;
  ids?: number;
}

interface Query {
  name: string;
  after(db: Database): Promise<Answer>;
  before(db: Database): Promise<Answer>;
}

// Every query runs as of the seed's own instant, as the server would a moment after: the answers before and after
// are then the same rows, whatever the clock did during the run (tasks reaching their EndTime).
let NOW = new Date();

function listQuery(name: string, filters: TaskFilters, page = 1): Query {
  return {
    name,
    async after(db) {
      const now = NOW;
      const [r] = await Promise.all([
        listTasks(db, filters, { page, pageSize: TASKS_PAGE_SIZE, now }),
        listTaskDomains(db),
      ]);
      // The capped total is only comparable when exact.
      return {
        total: r.totalExact ? r.total : undefined,
        stoppable: r.stoppable,
        firstIds: r.rows.map((x) => x.taskId).join(","),
      };
    },
    async before(db) {
      const now = NOW;
      const [r] = await Promise.all([
        baselineListTasks(db, filters, { page, pageSize: TASKS_PAGE_SIZE, now }),
        baselineListTaskDomains(db),
      ]);
      return r;
    },
  };
}

function selectionQuery(name: string, filters: TaskFilters): Query {
  const sel: BulkSelection = { kind: "filter", filters };
  return {
    name,
    async after(db) {
      const r = await resolveSelection(db, sel, MAX_ITEMS, NOW);
      return { count: r.count, ids: r.targets.length };
    },
    before: (db) => baselineResolveSelection(db, sel, MAX_ITEMS, NOW),
  };
}

const QUERIES: Query[] = [
  listQuery("first page", {}),
  listQuery("page 400 (rows 9,976–10,000)", {}, 400),
  listQuery("family = legacy", { family: "legacy" }),
  listQuery("family = recordTask", { family: "recordTask" }),
  ...(["scheduled", "recording", "stopping", "stopped", "failed", "deleted", "unknown"] as const).map((state) =>
    listQuery(`state = ${state}`, { state }),
  ),
  listQuery('stream contains "cam-1234"', { stream: "cam-1234" }),
  listQuery('stream contains "cam-1" (common)', { stream: "cam-1" }),
  listQuery("domain = play3.example.com", { domain: "play3.example.com" }),
  listQuery("runaway: recording > 24 h", { runningHours: 24 }),
  listQuery("runaway > 24 h + legacy + domain", { runningHours: 24, family: "legacy", domain: "play0.example.com" }),
  selectionQuery("select all matching (no filter)", {}),
  selectionQuery("select all matching: runaway > 24 h", { runningHours: 24 }),
  selectionQuery("select all matching: state = recording", { state: "recording" }),
  selectionQuery("select all matching: stream cam-1234", { stream: "cam-1234" }),
];

/** One INSERT … SELECT: the year of tasks described at the top, as of `now`. */
function seedSql(n: number, now: Date): string {
  const step = (365 * 86400) / n; // seconds between two tasks
  const t0 = `'${now.toISOString()}'::timestamptz`;
  return `
    insert into recording_tasks (task_id, family, domain_name, app_name, stream_name, state, mode, file_format,
      record_type, start_time, end_time, source, created_by_email, created_at, updated_at, stopped_at,
      stopping_since, deleted_at, upstream_stopped_at, template_id, last_action, last_action_at, last_ok)
    select
      case when fam = 'legacy' then (100000000000 + i)::text else '1500000000-' || md5(i::text) end,
      fam, 'play' || (i % 5) || '.example.com', 'live', 'cam-' || (i % 20000), st,
      case when kind = 'scheduled' then 'scheduled' else 'realtime' end, 'flv', 'video',
      s_start, s_end, 'created', 'oncall@example.com', c, c,
      case when fam = 'legacy' and st = 'stopped' then c + interval '1 hour' end,
      case when i % 100000 = 11 then ${t0} - interval '5 seconds' end,
      case when i % 997 = 3 then c + interval '3 hours' end,
      case when fam = 'recordTask' and i % 40 = 0 then c + interval '30 minutes' end,
      case when fam = 'recordTask' then 0 end,
      case when st = 'stopped' then 'stop' else 'start' end, c, 'ok'
    from generate_series(1, ${n}) as g(i)
    cross join lateral (select
      ${t0} - ((${n} - i) * ${step}) * interval '1 second' as c,
      (${n} - i) * ${step} / 3600.0 as age_h,
      case when i % 20 = 0 then 'recordTask' else 'legacy' end as fam) a
    cross join lateral (select case
      when fam = 'recordTask' and age_h < 24 and i % 60 = 0 then 'scheduled'
      when fam = 'recordTask' then 'recording'
      when i % 50000 = 7 then 'unknown'
      when i % 1000 = 1 then 'failed'
      when age_h < 24 and i % 7 = 0 then 'scheduled'
      when age_h < 72 and i % 50 = 1 then 'runaway'
      when i % 20 between 1 and 9 then 'stopped'
      else 'recording' end as kind) k
    cross join lateral (select
      case kind when 'runaway' then 'recording' else kind end as st,
      case kind when 'unknown' then null
        when 'scheduled' then ${t0} + ((i % 48) + 1) * interval '1 hour' else c end as s_start,
      case kind when 'unknown' then null
        when 'scheduled' then ${t0} + ((i % 48) + 2) * interval '1 hour'
        when 'runaway' then c + interval '30 days' else c + interval '2 hours' end as s_end) s`;
}

function migrationStatements(): string[] {
  return readFileSync(path.join(MIGRATIONS_FOLDER, MIGRATION), "utf8")
    .split("--> statement-breakpoint")
    .map((s) => s.trim())
    .filter(Boolean);
}

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
  return { median: +at(0.5).toFixed(2), p95: +at(0.95).toFixed(2) };
}

async function time(fn: () => Promise<Answer>, reps: number) {
  const answer = await fn(); // warm-up, and the answer to compare
  const ms: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return { ...stats(ms), answer };
}

function sameAnswer(a: Answer, b: Answer): boolean {
  const keys = ["stoppable", "firstIds", "count", "ids"] as const;
  if (a.total !== undefined && b.total !== undefined && a.total !== b.total) return false;
  return keys.every((k) => a[k] === b[k]);
}

async function run(engine: string, db: Database) {
  for (const name of NEW_INDEXES) await db.execute(sql.raw(`drop index if exists ${name}`));
  NOW = new Date();
  let t = performance.now();
  await db.execute(sql.raw(seedSql(N, NOW)));
  const seedS = (performance.now() - t) / 1000;
  await db.execute(sql.raw("vacuum analyze recording_tasks"));
  const open = await db.execute<{ n: number }>(
    sql.raw(
      `select count(*)::int as n from recording_tasks where deleted_at is null and state not in ('stopped', 'failed') and (end_time is null or end_time > now())`,
    ),
  );
  console.log(
    `${engine}: seeded ${N.toLocaleString("en-US")} tasks in ${seedS.toFixed(1)} s (${open.rows[0]!.n} not past their end)`,
  );

  const before = new Map<string, Awaited<ReturnType<typeof time>>>();
  if (!SKIP_BASELINE) {
    for (const q of QUERIES) {
      before.set(q.name, await time(() => q.before(db), BASELINE_REPS));
      console.log(`  before  ${q.name}: ${before.get(q.name)!.median} ms`);
    }
  }
  t = performance.now();
  for (const s of migrationStatements()) await db.execute(sql.raw(s));
  await db.execute(sql.raw("vacuum analyze recording_tasks"));
  const indexS = (performance.now() - t) / 1000;
  console.log(`${engine}: migration ${MIGRATION} applied in ${indexS.toFixed(1)} s`);

  const rows = [];
  for (const q of QUERIES) {
    const a = await time(() => q.after(db), REPS);
    const b = before.get(q.name);
    if (b && !sameAnswer(a.answer, b.answer)) {
      throw new Error(
        `${engine} ${q.name}: answers differ: ${JSON.stringify(a.answer)} vs ${JSON.stringify(b.answer)}`,
      );
    }
    rows.push({
      query: q.name,
      answer: a.answer.count ?? a.answer.total ?? "more than 10,000",
      stoppable: a.answer.stoppable,
      before: b ? { median: b.median, p95: b.p95 } : null,
      after: { median: a.median, p95: a.p95 },
      ofGoal: +(a.median / GOAL_MS).toFixed(2),
    });
    console.log(`  after   ${q.name}: ${a.median} ms (p95 ${a.p95})`);
  }
  return { engine, tasks: N, seedS: +seedS.toFixed(1), indexS: +indexS.toFixed(1), rows };
}

function print(r: Awaited<ReturnType<typeof run>>) {
  console.log(
    `\n${r.engine}, ${r.tasks.toLocaleString("en-US")} tasks (seed ${r.seedS} s, indexes ${r.indexS} s); goal ≤ ${GOAL_MS} ms median`,
  );
  console.table(
    r.rows.map((x) => ({
      query: x.query,
      matches: x.answer,
      "select all": x.stoppable ?? "",
      "before median/p95 ms": x.before ? `${x.before.median} / ${x.before.p95}` : "-",
      "after median/p95 ms": `${x.after.median} / ${x.after.p95}`,
      "of goal": x.ofGoal,
    })),
  );
}

const results: Awaited<ReturnType<typeof run>>[] = [];
{
  const dir = mkdtempSync(path.join(os.tmpdir(), "recdesk-bench-tasks-"));
  const open = await openPglite(dir);
  try {
    results.push(await run("PGlite (on disk)", open.db));
  } finally {
    await open.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
if (process.env.DATABASE_URL) {
  const open = await scratchPostgres(process.env.DATABASE_URL);
  try {
    results.push(await run("Postgres", open.db));
  } finally {
    await open.drop();
  }
}
results.forEach(print);
mkdirSync("bench/results", { recursive: true });
writeFileSync(
  "bench/results/tasks.json",
  JSON.stringify({ at: new Date().toISOString(), loadavg: os.loadavg(), results }, null, 2),
);
process.exit(0);
