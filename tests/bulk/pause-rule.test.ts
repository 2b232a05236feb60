import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDisabledKeepingAnAdmin } from "@/lib/auth/user-changes";
import { createUser } from "@/lib/auth/users";
import { createBulkJob } from "@/lib/bulk/create";
import type { SentItem } from "@/lib/bulk/outcomes";
import { createPauseRule } from "@/lib/bulk/pause-rule";
import type { Database, OpenDatabase } from "@/lib/db/types";
import { drivers, openTestDb } from "../helpers/test-db";
import { jobState } from "./helpers/fixtures";

// The worker's pause rule on its own, against a real database: when a job stops sending, and when it may again.
describe.each(drivers)("the bulk pause rule (%s)", (driver) => {
  let open: OpenDatabase;
  let db: Database;
  let n = 0;

  beforeAll(async () => {
    open = await openTestDb(driver);
    db = open.db;
  });
  afterAll(async () => {
    await open?.close();
  });

  async function job(
    actor: { userId?: string; email: string; role: string } = { email: "oncall@recdesk.local", role: "oncall" },
  ): Promise<string> {
    n += 1;
    const r = await createBulkJob(
      db,
      { actor, origin: {}, reason: `pause rule ${n}`, targets: [{ taskId: String(1000 + n), streamName: `s${n}` }] },
      5000,
    );
    if (!r.ok) throw new Error(r.message);
    return r.jobId;
  }

  function answer(jobId: string, result: SentItem["result"], coalesced = false): SentItem {
    const item = {
      id: n,
      jobId,
      taskId: String(1000 + n),
      family: "legacy" as const,
      streamName: `s${n}`,
      appName: "live",
      domainName: "",
      auditId: null,
      claimedAt: "2026-01-01 00:00:00+00",
    };
    return { item, auditId: 1, result, claim: "held", coalesced };
  }

  const failure = (code: string): SentItem["result"] => ({
    ok: false,
    code,
    message: "m",
    requestId: "r",
    kind: "api",
    attempts: 1,
    latencyMs: 1,
  });

  it("pauses a job once on an account-level error, with the error's next step as the reason", async () => {
    const paused: string[] = [];
    const rule = createPauseRule(db, (jobId, code) => paused.push(`${jobId}:${code}`));
    const jobId = await job();
    await rule.pauseOnAccountErrors([
      answer(jobId, failure("ResourceNotFound.StopService")),
      answer(jobId, failure("ResourceNotFound.StopService")),
    ]);
    expect(paused).toEqual([`${jobId}:ResourceNotFound.StopService`]);
    expect(rule.isPaused(jobId)).toBe(true);
    expect(await jobState(db, jobId)).toBe("paused");
    const r = await db.execute(sql`select paused_reason from bulk_jobs where id = ${jobId}::uuid`);
    expect((r.rows[0] as { paused_reason: string }).paused_reason).toMatch(
      /^ResourceNotFound\.StopService: Account in arrears\. Top up/,
    );
  });

  it("does not pause on an error of one task, on success, or on an answer shared from another Stop", async () => {
    const rule = createPauseRule(db, () => {});
    const jobId = await job();
    await rule.pauseOnAccountErrors([
      answer(jobId, failure("ResourceNotFound.TaskId")),
      answer(jobId, { ok: true, requestId: "r", data: {}, attempts: 1, latencyMs: 1 }),
      answer(jobId, failure("ResourceNotFound.StopService"), true),
    ]);
    expect(rule.isPaused(jobId)).toBe(false);
    expect(await jobState(db, jobId)).toBe("running");
  });

  it("pauses the jobs of a disabled actor and names who each job acts for", async () => {
    const leaver = await createUser(db, {
      email: `pause-leaver-${driver}@recdesk.test`,
      name: "Leaver",
      role: "oncall",
    });
    const stayer = await createUser(db, {
      email: `pause-stayer-${driver}@recdesk.test`,
      name: "Stayer",
      role: "oncall",
    });
    const leaverJob = await job({ userId: leaver.id, email: leaver.email, role: "oncall" });
    const stayerJob = await job({ userId: stayer.id, email: stayer.email, role: "oncall" });
    await setDisabledKeepingAnAdmin(db, leaver.id, true);
    const codes: string[] = [];
    const rule = createPauseRule(db, (_, code) => codes.push(code));
    const acting = await rule.pauseJobsOfDisabledActors([leaverJob, stayerJob]);
    expect(acting).toEqual(
      new Map([
        [leaverJob, leaver.email],
        [stayerJob, stayer.email],
      ]),
    );
    expect(codes).toEqual(["RecDesk.CreatorDisabled"]);
    expect(await jobState(db, leaverJob)).toBe("paused");
    expect(await jobState(db, stayerJob)).toBe("running");
  });

  it("forgets a pause only for a claim that started after the pause was committed (the job was resumed)", async () => {
    const rule = createPauseRule(db, () => {});
    const jobId = await job();
    const before = Date.now() - 1;
    await rule.pauseOnAccountErrors([answer(jobId, failure("ResourceNotFound.StopService"))]);
    rule.noteClaimed([jobId], before);
    expect(rule.isPaused(jobId)).toBe(true);
    await new Promise((r) => setTimeout(r, 5));
    rule.noteClaimed([jobId], Date.now());
    expect(rule.isPaused(jobId)).toBe(false);
  });
});
