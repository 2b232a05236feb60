// npm run bench:action — what one Stop costs RecDesk itself: the server time of the Stop action minus its
// upstream StopLiveRecord call, p50 and p99 (goal 5 ms / 25 ms).
//
// Each Stop runs the action's own steps in this process, in order: the permission check against the database
// (requirePermission's checkPermission; the session cookie's JWT decode is not in it), the wrapper's zod parse of
// the form, then lib/tasks' stopTask — find the row, claim it, audit the intent, call Tencent, audit the outcome,
// release the row. The upstream call is the real client (signing, limiter, HTTP) against the simulator in its own
// process, timed around client.stopLiveRecord and subtracted. Not in it: Next's action dispatch and the
// re-render of /tasks that revalidatePath asks for, which happen after the answer is decided.
//
// Per-step costs (PGlite): every SQL statement is timed at the driver and grouped by its text; "JS" is the rest.
// Env: BENCH_STOPS (default 500), BENCH_LATENCY_MS (simulator latency, default 20). With DATABASE_URL set, the
// same run on a scratch Postgres database follows (totals only). Writes bench/results/action.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { ensureKeyedChain } from "@/lib/audit/write";
import { loadAuditKey } from "@/lib/audit/key";
import { checkPermission } from "@/lib/auth/authorize";
import { createUser } from "@/lib/auth/users";
import { openPglite } from "@/lib/db/pglite";
import { recordingTasks } from "@/lib/db/schema/tasks";
import { StopTaskInputSchema } from "@/lib/tasks/schemas";
import { stopTask } from "@/lib/tasks/stop-task";
import { createLiveClient } from "@/lib/tencent-live/client";
import type { LiveClient } from "@/lib/tencent-live/client-types";
import { startSimulatorProcess } from "./simulator-process";
import { scratchPostgres } from "./scratch-db";

const STOPS = Number(process.env.BENCH_STOPS ?? 500);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
const WARMUP = 20;

delete process.env.http_proxy; // the client would send loopback calls through it

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const f = (x: number) => `${x.toFixed(2)} ms`;

/** Times every statement PGlite runs (also inside transactions), keyed by its normalised text. */
function timeStatements(client: unknown): { take(): Map<string, number> } {
  let current = new Map<string, number>();
  const wrap = (target: { query: (...a: unknown[]) => Promise<unknown> }) => {
    const query = target.query.bind(target);
    target.query = async (...args: unknown[]) => {
      const t0 = performance.now();
      try {
        return await query(...args);
      } finally {
        const key = String(args[0]).replace(/\s+/g, " ").replace(/"/g, "").slice(0, 72);
        current.set(key, (current.get(key) ?? 0) + performance.now() - t0);
      }
    };
  };
  const c = client as {
    query: (...a: unknown[]) => Promise<unknown>;
    transaction: (fn: (tx: unknown) => Promise<unknown>) => Promise<unknown>;
  };
  wrap(c);
  const transaction = c.transaction.bind(c);
  c.transaction = (fn) =>
    transaction((tx) => {
      wrap(tx as { query: (...a: unknown[]) => Promise<unknown> });
      return fn(tx);
    });
  return {
    take() {
      const out = current;
      current = new Map();
      return out;
    },
  };
}

async function run(driver: "pglite" | "postgres") {
  const sim = await startSimulatorProcess({
    latencyMs: LATENCY_MS,
    streams: 100,
    tasks: STOPS + WARMUP,
    seed: 7,
    stopLimit: 200,
  });
  const open = driver === "pglite" ? await openPglite(undefined) : await scratchPostgres(process.env.DATABASE_URL!);
  const statements = driver === "pglite" ? timeStatements((open.db as unknown as { $client: unknown }).$client) : null;
  try {
    const { db } = open;
    // As in production, where RECDESK_AUDIT_KEY is required: the chain is keyed, which the writer remembers.
    loadAuditKey(randomBytes(32).toString("base64url"));
    await ensureKeyedChain(db);
    const user = await createUser(db, { email: "bench-oncall@recdesk.local", name: "Bench", role: "oncall" });
    const tasks = await sim.listTasks();
    await db.insert(recordingTasks).values(
      tasks.map((t) => ({
        taskId: t.taskId,
        streamName: t.streamName,
        appName: "live",
        state: "recording" as const,
        source: "seeded" as const,
      })),
    );
    const live = createLiveClient({ endpoint: sim.url, secretId: sim.secretId, secretKey: sim.secretKey });
    let upstreamMs = 0;
    const client: LiveClient = {
      ...live,
      stopLiveRecord: async (input, opts) => {
        const t0 = performance.now();
        try {
          return await live.stopLiveRecord(input, opts);
        } finally {
          upstreamMs += performance.now() - t0;
        }
      },
    };
    const origin = { clientIp: "127.0.0.1", userAgent: "bench:action" };
    const overhead: number[] = [];
    const steps = new Map<string, number[]>();
    let failed = 0;
    for (const [i, task] of tasks.entries()) {
      statements?.take();
      upstreamMs = 0;
      const t0 = performance.now();
      const auth = await checkPermission(db, user.id, "task:stop", origin);
      if (!auth.ok) throw new Error(auth.message);
      const form = { taskId: task.taskId, streamName: task.streamName, reason: "bench: one Stop's own cost" };
      const parsed = StopTaskInputSchema.safeParse(form);
      if (!parsed.success) throw new Error(parsed.error.message);
      const result = await stopTask(db, { getClient: async () => client }, form, auth, { via: "list" });
      const total = performance.now() - t0;
      if (!result.ok) failed++;
      if (i < WARMUP) continue; // JIT and the first statements' plans
      overhead.push(total - upstreamMs);
      if (statements) {
        let sqlMs = 0;
        for (const [k, v] of statements.take()) {
          sqlMs += v;
          steps.set(k, [...(steps.get(k) ?? []), v]);
        }
        steps.set("JS (everything but SQL and the upstream call)", [
          ...(steps.get("JS (everything but SQL and the upstream call)") ?? []),
          total - upstreamMs - sqlMs,
        ]);
      }
    }
    return { driver, stops: overhead.length, failed, p50: pct(overhead, 50), p99: pct(overhead, 99), steps };
  } finally {
    await ("drop" in open ? (open as { drop(): Promise<void> }).drop() : open.close());
    await sim.close();
  }
}

const results = [await run("pglite")];
if (process.env.DATABASE_URL) results.push(await run("postgres"));

console.log(`\nbench:action — ${new Date().toISOString()} (${STOPS} Stops each, simulator at ${LATENCY_MS} ms)\n`);
for (const r of results) {
  console.log(
    `${r.driver.padEnd(8)} Stop minus upstream: p50 ${f(r.p50)} (goal 5 ms), p99 ${f(r.p99)} (goal 25 ms); ${r.failed} failed`,
  );
}
const pglite = results[0]!;
console.log("\nper Stop, PGlite, by step (median ms per Stop; a statement run twice counts twice):");
const rows = [...pglite.steps.entries()]
  .map(([k, v]) => [k, pct(v, 50), pct(v, 99)] as const)
  .sort((a, b) => b[1] - a[1]);
for (const [k, p50, p99] of rows)
  console.log(`  ${p50.toFixed(2).padStart(6)}  (p99 ${p99.toFixed(2).padStart(6)})  ${k}`);
mkdirSync("bench/results", { recursive: true });
writeFileSync(
  "bench/results/action.json",
  `${JSON.stringify(
    {
      at: new Date().toISOString(),
      stops: STOPS,
      latencyMs: LATENCY_MS,
      results: results.map((r) => ({ driver: r.driver, failed: r.failed, p50: r.p50, p99: r.p99 })),
      steps: Object.fromEntries(rows.map(([k, p50, p99]) => [k, { p50, p99 }])),
    },
    null,
    2,
  )}\n`,
);
