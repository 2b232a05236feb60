import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createBulkJob } from "@/lib/bulk/create";
import { createBulkWorker, type BulkWorker } from "@/lib/bulk/worker";
import { recordingTasks } from "@/lib/db/schema/tasks";
import type { Database, OpenDatabase } from "@/lib/db/types";
import { createLiveClient } from "@/lib/tencent-live/client";
import { startSimulator, type Simulator } from "@/lib/tencent-live/simulator";
import type { BulkTarget } from "@/lib/bulk/types";
import { drivers, openTestDb } from "../helpers/test-db";
import { itemStates, jobState, registerSimTasks, waitFor } from "./helpers/fixtures";

// One bulk job over both families: each item goes out through its own family's Stop (StopLiveRecord with the
// stream name, StopRecordTask with the TaskId alone), each family waits in lanes of its own, and an account-level
// error from either family pauses the job as before.

const actor = { email: "oncall@recdesk.local", role: "oncall", userId: undefined };

describe.each(drivers)("a bulk job over both families (%s)", (driver) => {
  let open: OpenDatabase;
  let db: Database;
  let sim: Simulator;
  let worker: BulkWorker | undefined;

  beforeAll(async () => {
    open = await openTestDb(driver);
    db = open.db;
    sim = await startSimulator({ tasks: 40, streams: 20, recordTasks: 30, control: true, latencyMs: 5 });
    await registerSimTasks(db, sim.listTasks());
    for (const t of sim.listRecordTasks())
      await db
        .insert(recordingTasks)
        .values({
          taskId: t.taskId,
          family: "recordTask",
          streamName: t.streamName,
          appName: t.appName,
          domainName: t.domainName,
          state: "recording",
          startTime: new Date(t.startTime),
          endTime: new Date(t.endTime),
          source: "discovered",
        })
        .onConflictDoNothing();
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
    sim.clearFaults();
    await db.execute(sql`update bulk_jobs set state = 'done' where state <> 'done'`);
  });
  afterAll(async () => {
    await sim?.close();
    await open?.close();
  });

  function startWorker(o: { timeoutMs?: number } = {}) {
    const client = createLiveClient({
      endpoint: sim.url,
      secretId: sim.secretId,
      secretKey: sim.secretKey,
      timeoutMs: o.timeoutMs ?? 10_000,
      maxRetries: 0,
    });
    worker = createBulkWorker({ db, client, idlePollMs: 50, concurrency: 2, recordTaskConcurrency: 2 });
    worker.start();
  }

  async function job(targets: BulkTarget[]) {
    const r = await createBulkJob(db, { actor, reason: "mixed runaway batch", targets }, 5000);
    if (!r.ok) throw new Error(r.message);
    return r.jobId;
  }
  const legacy = (from: number, n: number): BulkTarget[] => sim.listTasks().slice(from, from + n);
  const recordTasks = (from: number, n: number): BulkTarget[] =>
    sim
      .listRecordTasks()
      .slice(from, from + n)
      .map((t) => ({ ...t, family: "recordTask" as const }));
  const familyStates = async (jobId: string) => {
    const r = await db.execute(
      sql`select family, state, count(*)::int as n from bulk_items where job_id = ${jobId}::uuid group by family, state order by 1, 2`,
    );
    return r.rows as { family: string; state: string; n: number }[];
  };

  it("sends each item through its own family's Stop and records every outcome", async () => {
    const before = { legacy: sim.callCount("StopLiveRecord"), rt: sim.callCount("StopRecordTask") };
    const rts = recordTasks(0, 4);
    const jobId = await job([...legacy(0, 5), ...rts]);
    startWorker();
    await waitFor(async () => (await jobState(db, jobId)) === "done");
    expect(await familyStates(jobId)).toEqual([
      { family: "legacy", state: "stopped", n: 5 },
      { family: "recordTask", state: "stopped", n: 4 },
    ]);
    expect(sim.callCount("StopLiveRecord")).toBe(before.legacy + 5);
    expect(sim.callCount("StopRecordTask")).toBe(before.rt + 4);
    const stopped = sim.listRecordTasks().filter((t) => rts.some((r) => r.taskId === t.taskId));
    expect(stopped.every((t) => t.stoppedAt !== null)).toBe(true);
  });

  it("legacy items keep flowing while every RecordTask lane waits on a Stop that does not answer", async () => {
    sim.inject({ action: "StopRecordTask", mode: "hang", count: 100 });
    const jobId = await job([...recordTasks(4, 4), ...legacy(5, 8)]);
    startWorker({ timeoutMs: 15_000 });
    // Both RecordTask lanes are stuck on the wire; all 8 legacy items still finish through their own lanes (with
    // one shared set of lanes they would wait until the hung Stops time out, and those would be failed by then).
    await waitFor(async () =>
      (await familyStates(jobId)).some((r) => r.family === "legacy" && r.state === "stopped" && r.n === 8),
    );
    const rows = await familyStates(jobId);
    expect(rows.filter((r) => r.family === "recordTask")).toEqual([
      { family: "recordTask", state: "pending", n: 2 },
      { family: "recordTask", state: "sending", n: 2 },
    ]);
  });

  it("an account-level error from StopRecordTask pauses the whole job, as a legacy one does", async () => {
    sim.inject({ action: "StopRecordTask", mode: "error", code: "ResourceNotFound.FreezeService" });
    const jobId = await job([...recordTasks(8, 6), ...legacy(13, 1)]);
    startWorker();
    await waitFor(async () => (await jobState(db, jobId)) === "paused");
    const states = await itemStates(db, jobId);
    expect(states.failed).toBeGreaterThan(0);
    expect(states.pending ?? 0).toBeGreaterThan(0);
  });
});
