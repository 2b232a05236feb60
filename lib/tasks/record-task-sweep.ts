import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import type { Database } from "@/lib/db/types";
import { getLiveClient, type LiveClient } from "@/lib/tencent-live";
import type { RecordTaskInfo } from "@/lib/tencent-live/types";
import {
  claimSweep,
  finishSweep,
  markVanished,
  readSweepStatus,
  upsertSeenTasks,
  type SweepStatus,
} from "./record-task-sweep-store";
import { sweepWindows, type SweepWindow } from "./record-task-windows";

export type { SweepStatus } from "./record-task-sweep-store";

/*
 * Keeps the registry in step with Tencent's RecordTasks. DescribeRecordTask is 20/s and a sweep of a busy account
 * takes many pages, so it must never run per viewer: at most one sweep per RECDESK_RECORD_TASKS_TTL_MS across
 * every viewer (in-process coalescing) and every instance (a claim row in the database). A sweep lists the two
 * windows of record-task-windows.ts page by page (ScrollToken), deduplicates by TaskId, upserts what it saw, and
 * marks as deleted what Tencent should have listed but did not. A failed sweep writes nothing but its error,
 * which the /tasks status line shows with the RequestId; the registry keeps the last good picture.
 */

/** Pages per window before we suspect a ScrollToken loop (100 per page in the simulator: 200,000 tasks). */
const MAX_PAGES_PER_WINDOW = 2_000;

const INSTANCE_ID = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;

type Failure = { code: string; message: string; requestId?: string };

async function listWindow(
  client: LiveClient,
  w: SweepWindow,
  seen: Map<string, RecordTaskInfo>,
  counter: { calls: number },
): Promise<Failure | undefined> {
  let scrollToken = "";
  const tokens = new Set<string>();
  for (let page = 0; page < MAX_PAGES_PER_WINDOW; page++) {
    counter.calls += 1;
    const r = await client.describeRecordTask({ startTime: w.startTime, endTime: w.endTime, scrollToken });
    if (!r.ok) return { code: r.code, message: r.message, requestId: r.requestId };
    for (const t of r.data.tasks) seen.set(t.taskId, t);
    scrollToken = r.data.scrollToken;
    if (!scrollToken) return undefined;
    if (tokens.has(scrollToken))
      return {
        code: "RecDesk.MalformedResponse",
        message: "DescribeRecordTask returned a ScrollToken it had already returned",
        requestId: r.requestId,
      };
    tokens.add(scrollToken);
  }
  return {
    code: "RecDesk.MalformedResponse",
    message: `DescribeRecordTask did not end after ${MAX_PAGES_PER_WINDOW} pages`,
  };
}

export interface SweepOptions {
  ttlMs: number;
  /** Who holds the claim, for the record; default this process. */
  instanceId?: string;
  /** The clock the windows are computed from; default now. */
  now?: () => Date;
}

/** Runs one sweep if the claim is won; answers the status either way. Never throws for an upstream failure. */
export async function runRecordTaskSweep(
  db: Database,
  getClient: () => Promise<LiveClient>,
  o: SweepOptions,
): Promise<SweepStatus> {
  if (!(await claimSweep(db, o.instanceId ?? INSTANCE_ID, o.ttlMs))) return readSweepStatus(db, false);
  const started = performance.now();
  const sweptAt = (o.now ?? (() => new Date()))();
  const counter = { calls: 0 };
  const seen = new Map<string, RecordTaskInfo>();
  let failure: Failure | undefined;
  try {
    const client = await getClient();
    const windows = sweepWindows(sweptAt);
    for (const w of windows) {
      failure = await listWindow(client, w, seen, counter);
      if (failure) break;
    }
    if (!failure) {
      await upsertSeenTasks(db, [...seen.values()], sweptAt);
      await markVanished(db, windows, sweptAt);
    }
  } catch (err) {
    // The client never throws; building it can (demo simulator failed to start), and so can the database.
    failure = { code: "RecDesk.Unavailable", message: err instanceof Error ? err.message : String(err) };
  }
  const figures = { calls: counter.calls, tasks: seen.size, durationMs: Math.round(performance.now() - started) };
  await finishSweep(db, figures, failure);
  return readSweepStatus(db, true);
}

export interface FreshnessDeps {
  db?: Database;
  client?: LiveClient;
  ttlMs?: number;
  instanceId?: string;
}

const INFLIGHT = Symbol.for("recdesk.tasks.record-task-sweep");

/**
 * What the /tasks page and the bulk selection call before reading RecordTasks: runs a sweep when the interval
 * has passed and nobody else is running one, and answers the status for the page's line. Concurrent callers in
 * this process share one sweep; other instances are held off by the claim. Demo mode sweeps the in-process
 * simulator through the same client as everything else.
 */
export async function ensureRecordTasksFresh(deps: FreshnessDeps = {}): Promise<SweepStatus> {
  const db = deps.db ?? (await getDb());
  const g = globalThis as unknown as Record<symbol, WeakMap<Database, Promise<SweepStatus>> | undefined>;
  const inflight = (g[INFLIGHT] ??= new WeakMap());
  const running = inflight.get(db);
  if (running) return running;
  const sweep = runRecordTaskSweep(db, () => (deps.client ? Promise.resolve(deps.client) : getLiveClient()), {
    ttlMs: deps.ttlMs ?? getConfig().recordTasksTtlMs,
    instanceId: deps.instanceId,
  })
    // The database itself failing (claim or outcome) still gives the page a status line instead of an error page.
    .catch((err: unknown): SweepStatus => ({
      lastSuccessAt: null,
      lastError: {
        code: "RecDesk.Unavailable",
        message: err instanceof Error ? err.message : String(err),
        at: new Date(),
      },
      lastCalls: null,
      lastTaskCount: null,
      lastDurationMs: null,
      running: false,
      swept: false,
    }))
    .finally(() => inflight.delete(db));
  inflight.set(db, sweep);
  return sweep;
}

/** The status line's data without sweeping. */
export async function getRecordTaskSweepStatus(db?: Database): Promise<SweepStatus> {
  return readSweepStatus(db ?? (await getDb()), false);
}
