import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { recordingTasks, recordTaskSweeps } from "@/lib/db/schema/tasks";
import type { OpenDatabase } from "@/lib/db/types";
import { getTask, listTasks } from "@/lib/tasks";
import { recordTaskState, recordTaskStateSql } from "@/lib/tasks/record-task-state";
import { ensureRecordTasksFresh, getRecordTaskSweepStatus, runRecordTaskSweep } from "@/lib/tasks/record-task-sweep";
import { CLOCK_MARGIN_MS, sweepWindows } from "@/lib/tasks/record-task-windows";
import type { LiveClient } from "@/lib/tencent-live/client";
import type { Simulator } from "@/lib/tencent-live/simulator";
import { drivers, openTestDb } from "../helpers/test-db";
import { clientFor, simulator } from "../tencent-live/helpers";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const unix = (offsetMs: number) => Math.floor((Date.now() + offsetMs) / 1000);

describe("the sweep's windows", () => {
  it("obey DescribeRecordTask's rules and contain every task that is scheduled, recording or ended within 24 h", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 40 }),
        // Tencent's clock against ours, within the margin; a task's start relative to Tencent's now; its length.
        fc.integer({ min: -CLOCK_MARGIN_MS, max: CLOCK_MARGIN_MS }),
        fc.integer({ min: -48 * HOUR, max: 7 * DAY }),
        fc.integer({ min: 1_000, max: DAY }),
        (nowMs, skew, startOffset, length) => {
          const now = new Date(nowMs + 100 * DAY);
          const windows = sweepWindows(now);
          for (const w of windows) {
            expect(w.endTime.getTime() - w.startTime.getTime()).toBeLessThanOrEqual(7 * DAY);
            expect(w.startTime.getTime()).toBeGreaterThanOrEqual(now.getTime() - 90 * DAY);
          }
          const tencentNow = now.getTime() + skew;
          const start = tencentNow + startOffset;
          const end = start + length;
          const wanted = end > tencentNow - DAY && end <= tencentNow + 7 * DAY;
          fc.pre(wanted);
          expect(windows.some((w) => start >= w.startTime.getTime() && end <= w.endTime.getTime())).toBe(true);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe.each(drivers)("the RecordTask sweep (%s)", (driver) => {
  let opened: OpenDatabase;
  let sim: Simulator;
  let client: LiveClient;
  const getClient = async () => client;

  beforeAll(async () => {
    sim = await simulator({ streams: 10, tasks: 0, recordTasks: 0, recordTaskPageSize: 4 });
    client = clientFor(sim);
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    sim.reset({ recordTasks: 0 });
    opened = await openTestDb(driver);
  });
  afterEach(() => opened.close());

  const make = (streamName: string, startOffset: number, endOffset: number, stopped = false) => {
    const r = sim.createRecordTask({ streamName, startTime: unix(startOffset), endTime: unix(endOffset), stopped });
    if ("error" in r) throw new Error(r.error);
    return r.taskId;
  };
  const sweep = () => runRecordTaskSweep(opened.db, getClient, { ttlMs: 0 });

  it("finds every task scheduled or recording now or ended in the last 24 h, through paging and both windows", async () => {
    const recording = make("rt_a", -2 * HOUR, 3 * HOUR);
    const scheduledSoon = make("rt_b", 2 * HOUR, 5 * HOUR);
    const scheduledLate = make("rt_c", 6 * DAY + 2 * HOUR, 6 * DAY + 20 * HOUR); // only the late window
    const lastMinute = make("rt_d", 7 * DAY - 2 * HOUR, 7 * DAY - MIN); // ends at the edge of what Create allows
    const endedToday = make("rt_e", -30 * HOUR, -10 * HOUR);
    const stopped = make("rt_f", -HOUR, 2 * HOUR, true);
    const longAgo = make("rt_g", -10 * DAY, -10 * DAY + HOUR);
    for (let i = 0; i < 9; i++) make(`rt_many_${i}`, i * HOUR + MIN, i * HOUR + 2 * HOUR); // several pages of 4

    const status = await sweep();
    expect(status).toMatchObject({ swept: true, running: false, lastError: undefined });
    expect(status.lastSuccessAt).toBeInstanceOf(Date);
    expect(status.lastCalls).toBeGreaterThan(2); // paged
    const state = async (id: string) => (await getTask(opened.db, id))?.state;
    expect(await state(recording)).toBe("recording");
    expect(await state(scheduledSoon)).toBe("scheduled");
    expect(await state(scheduledLate)).toBe("scheduled");
    expect(await state(lastMinute)).toBe("scheduled");
    expect(await state(endedToday)).toBe("stopped");
    expect(await state(stopped)).toBe("stopped");
    expect(await state(longAgo)).toBeUndefined();
    const [row] = await opened.db.select().from(recordingTasks).where(eq(recordingTasks.taskId, recording));
    expect(row).toMatchObject({ family: "recordTask", source: "discovered", streamName: "rt_a", deletedAt: null });
    expect(row!.lastSeenAt).toBeInstanceOf(Date);
    const page = await listTasks(opened.db, { state: "scheduled" }, { pageSize: 100 });
    expect(page.total).toBe(12);
  });

  it("a task deleted or stopped on Tencent leaves scheduled/recording after the next sweep", async () => {
    const a = make("rt_del", -HOUR, HOUR);
    const b = make("rt_stop", HOUR, 2 * HOUR);
    await sweep();
    expect((await getTask(opened.db, a))?.state).toBe("recording");
    const deleted = await client.deleteRecordTask({ taskId: a });
    const stopped = await client.stopRecordTask({ taskId: b });
    expect(deleted.ok && stopped.ok).toBe(true);
    await sweep();
    expect((await getTask(opened.db, a))?.state).toBe("deleted");
    expect((await getTask(opened.db, b))?.state).toBe("stopped");
    const [row] = await opened.db.select().from(recordingTasks).where(eq(recordingTasks.taskId, b));
    expect(row!.upstreamStoppedAt).toBeInstanceOf(Date);
    expect((await listTasks(opened.db, { state: "recording" })).total).toBe(0);
  });

  it("shows the error code and RequestId of a failed sweep, keeps the registry, and clears it on success", async () => {
    const a = make("rt_err", -HOUR, HOUR);
    await sweep();
    sim.inject({ action: "DescribeRecordTask", mode: "error", code: "ResourceNotFound.FreezeService", count: 1 });
    const failed = await sweep();
    expect(failed.lastError).toMatchObject({ code: "ResourceNotFound.FreezeService" });
    expect(failed.lastError?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(failed.lastSuccessAt).toBeInstanceOf(Date);
    expect((await getTask(opened.db, a))?.state).toBe("recording"); // not marked deleted by a failed sweep
    expect((await getRecordTaskSweepStatus(opened.db)).lastError?.code).toBe("ResourceNotFound.FreezeService");
    const ok = await sweep();
    expect(ok.lastError).toBeUndefined();
  });

  it("runs one sweep per interval however many viewers and instances ask", async () => {
    for (let i = 0; i < 6; i++) make(`rt_ttl_${i}`, HOUR, 2 * HOUR);
    const before = sim.callCount("DescribeRecordTask");
    const viewers = await Promise.all([
      ...Array.from({ length: 5 }, () => ensureRecordTasksFresh({ db: opened.db, client, ttlMs: 60_000 })),
      runRecordTaskSweep(opened.db, getClient, { ttlMs: 60_000, instanceId: "other-instance" }),
    ]);
    const callsOfOneSweep = sim.callCount("DescribeRecordTask") - before;
    expect(viewers.filter((s) => s.swept).length).toBeGreaterThanOrEqual(1);
    // One sweep: both windows, 6 tasks in pages of 4 → 2 + 1 calls, whoever won.
    expect(callsOfOneSweep).toBe(3);
    const again = await runRecordTaskSweep(opened.db, getClient, { ttlMs: 60_000, instanceId: "third-instance" });
    expect(again.swept).toBe(false);
    expect(sim.callCount("DescribeRecordTask") - before).toBe(3);
    // Once the interval has passed, the next viewer sweeps again.
    await opened.db
      .update(recordTaskSweeps)
      .set({ claimedAt: sql`now() - interval '61 seconds'` })
      .where(eq(recordTaskSweeps.id, "global"));
    expect((await ensureRecordTasksFresh({ db: opened.db, client, ttlMs: 60_000 })).swept).toBe(true);
  });

  it("computes the same state in JavaScript and in SQL", async () => {
    const now = new Date();
    const cases = [
      { state: "unknown", startTime: -HOUR, endTime: HOUR },
      { state: "unknown", startTime: HOUR, endTime: 2 * HOUR },
      { state: "unknown", startTime: -2 * HOUR, endTime: -HOUR },
      { state: "unknown", startTime: -HOUR, endTime: HOUR, upstreamStoppedAt: -MIN },
      { state: "stopped", startTime: -HOUR, endTime: HOUR },
      { state: "failed", startTime: -HOUR, endTime: HOUR },
      { state: "unknown", startTime: -HOUR, endTime: HOUR, deletedAt: -MIN },
      { state: "unknown", startTime: -HOUR, endTime: HOUR, stoppingSince: -MIN },
      { state: "unknown", startTime: -HOUR, endTime: HOUR, stoppingSince: -HOUR },
      { state: "unknown", startTime: -HOUR, endTime: null },
    ] as const;
    const at = (o: number | null | undefined) => (o === null || o === undefined ? null : new Date(now.getTime() + o));
    const rows = cases.map((c, i) => ({
      taskId: `UpState${i}`,
      family: "recordTask" as const,
      source: "discovered" as const,
      streamName: "rt_state",
      state: c.state,
      startTime: at(c.startTime),
      endTime: at(c.endTime),
      upstreamStoppedAt: at("upstreamStoppedAt" in c ? c.upstreamStoppedAt : null),
      deletedAt: at("deletedAt" in c ? c.deletedAt : null),
      stoppingSince: at("stoppingSince" in c ? c.stoppingSince : null),
    }));
    await opened.db.insert(recordingTasks).values(rows);
    const got = await opened.db
      .select({ taskId: recordingTasks.taskId, sqlState: recordTaskStateSql(now) })
      .from(recordingTasks);
    const bySql = new Map(got.map((g) => [g.taskId, g.sqlState]));
    const byJs = rows.map((r) => [r.taskId, recordTaskState(r, now)]);
    expect(byJs.map(([id]) => [id, bySql.get(id!)])).toEqual(byJs);
    expect(new Set(byJs.map(([, s]) => s))).toEqual(
      new Set(["recording", "scheduled", "stopped", "failed", "deleted", "stopping", "unknown"]),
    );
  });

  it("property: for random task sets, the sweep finds exactly the scheduled and recording ones", async () => {
    const task = fc.record({
      stream: fc.integer({ min: 0, max: 5 }),
      // Whole minutes, never exactly now, from 12 days ago to the last start Create allows.
      startMin: fc.integer({ min: -12 * 24 * 60, max: 7 * 24 * 60 - 2 }).filter((m) => m !== 0),
      durationMin: fc.integer({ min: 1, max: 24 * 60 }),
      stopped: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(task, { maxLength: 25 }), async (tasks) => {
        sim.reset({ recordTasks: 0 });
        await opened.db.delete(recordingTasks);
        await opened.db.delete(recordTaskSweeps);
        for (const t of tasks) {
          const end = t.startMin + t.durationMin;
          if (end === 0) continue;
          // Refused sets (over 7 days ahead, a 4th overlapping task) simply do not exist on Tencent either.
          sim.createRecordTask({
            streamName: `rt_prop_${t.stream}`,
            startTime: unix(t.startMin * MIN),
            endTime: unix(end * MIN),
            stopped: t.stopped,
          });
        }
        const status = await sweep();
        expect(status.lastError).toBeUndefined();
        const expected = sim
          .listRecordTasks()
          .filter((t) => t.state === "scheduled" || t.state === "recording")
          .map((t) => `${t.taskId}:${t.state}`)
          .sort();
        const now = new Date();
        const found = await opened.db
          .select({ taskId: recordingTasks.taskId, state: recordTaskStateSql(now) })
          .from(recordingTasks)
          .where(sql`${recordTaskStateSql(now)} in ('scheduled', 'recording')`);
        expect(found.map((f) => `${f.taskId}:${f.state}`).sort()).toEqual(expected);
      }),
      { numRuns: driver === "pglite" ? 25 : 15 },
    );
  });
});
