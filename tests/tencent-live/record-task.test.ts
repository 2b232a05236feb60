import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RECORD_TASK_DOCUMENTED_CODES } from "@/lib/tencent-live/error-catalog/record-task-codes";
import { explainLiveError } from "@/lib/tencent-live/errors";
import type { Simulator } from "@/lib/tencent-live/simulator";
import type { RecordingEnded } from "@/lib/tencent-live/simulator/recording-events";
import {
  DOCUMENTED_RATE_LIMITS,
  UNKNOWN_RECORD_TASK_CODE,
  type RecordTaskAction,
  type RecordTaskInfo,
} from "@/lib/tencent-live/types";
import { clientFor, errorCode, rawCall, simulator } from "./helpers";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs);
const unix = (offsetMs: number) => Math.floor((Date.now() + offsetMs) / 1000);

describe("RecordTask family: client against the simulator", () => {
  let sim: Simulator;
  const ended: RecordingEnded[] = [];
  beforeAll(async () => {
    sim = await simulator({ streams: 20, tasks: 0, recordTasks: 0, control: true });
    sim.recordingEvents.onEnded((e) => ended.push(e));
  });
  afterAll(() => sim.close());

  const stream = (streamName: string) => ({
    streamName,
    domainName: "push.recdesk-demo.com",
    appName: "live",
  });

  it("creates a task, lists it, stops it (Stopped set, recording ended) and deletes it", async () => {
    const client = clientFor(sim);
    const created = await client.createRecordTask({ ...stream("rt_cycle"), endTime: at(HOUR), templateId: 71002 });
    expect(created).toMatchObject({ ok: true, attempts: 1 });
    if (!created.ok) return;
    expect(created.data.taskId).toMatch(/^Up[A-Za-z0-9_-]+$/);
    expect(created.requestId).toMatch(/^[0-9a-f-]{36}$/);

    const listed = await client.describeRecordTask({ startTime: at(-HOUR), endTime: at(2 * HOUR) });
    expect(listed.ok && listed.data.tasks.map((t) => t.taskId)).toContain(created.data.taskId);
    const task = listed.ok ? listed.data.tasks.find((t) => t.taskId === created.data.taskId)! : undefined;
    expect(task).toMatchObject({ ...stream("rt_cycle"), templateId: 71002, stoppedAt: null });

    const stopped = await client.stopRecordTask({ taskId: created.data.taskId });
    expect(stopped).toMatchObject({ ok: true, data: {} });
    expect(ended.at(-1)).toMatchObject({ family: "recordTask", taskId: created.data.taskId, fileFormat: "flv" });
    const after = await client.describeRecordTask({ startTime: at(-HOUR), endTime: at(2 * HOUR) });
    const seen = after.ok ? after.data.tasks.find((t) => t.taskId === created.data.taskId) : undefined;
    expect(seen?.stoppedAt).toBeInstanceOf(Date);
    // Stopping again succeeds and keeps the first Stopped time (a retry after a lost answer is harmless).
    expect((await client.stopRecordTask({ taskId: created.data.taskId })).ok).toBe(true);
    expect(ended.filter((e) => e.taskId === created.data.taskId)).toHaveLength(1);

    expect((await client.deleteRecordTask({ taskId: created.data.taskId })).ok).toBe(true);
    const gone = await client.describeRecordTask({ startTime: at(-HOUR), endTime: at(2 * HOUR) });
    expect(gone.ok && gone.data.tasks.map((t) => t.taskId)).not.toContain(created.data.taskId);
    const again = await client.stopRecordTask({ taskId: created.data.taskId });
    expect(again).toMatchObject({ ok: false, code: UNKNOWN_RECORD_TASK_CODE, kind: "api" });
    expect(explainLiveError(UNKNOWN_RECORD_TASK_CODE, undefined, "StopRecordTask").title).toMatch(/not found/);
  });

  it("stops a scheduled task without a recording ending: it will not start", async () => {
    const client = clientFor(sim);
    const created = await client.createRecordTask({
      ...stream("rt_later"),
      startTime: at(2 * HOUR),
      endTime: at(3 * HOUR),
    });
    if (!created.ok) throw new Error(created.code);
    const before = ended.length;
    expect((await client.stopRecordTask({ taskId: created.data.taskId })).ok).toBe(true);
    expect(ended).toHaveLength(before);
    expect(sim.listRecordTasks().find((t) => t.taskId === created.data.taskId)).toMatchObject({ state: "ended" });
  });

  it("refuses an EndTime over 7 days ahead or more than 24 h after the start, and a 4th overlapping task", async () => {
    const client = clientFor(sim);
    const far = await client.createRecordTask({ ...stream("rt_rules"), startTime: at(7 * DAY), endTime: at(8 * DAY) });
    expect(far).toMatchObject({ ok: false, code: "InvalidParameter" });
    const long = await client.createRecordTask({ ...stream("rt_rules"), endTime: at(25 * HOUR) });
    expect(long).toMatchObject({ ok: false, code: "InvalidParameter" });
    for (let i = 0; i < 3; i++)
      expect((await client.createRecordTask({ ...stream("rt_rules"), endTime: at(HOUR) })).ok).toBe(true);
    const fourth = await client.createRecordTask({ ...stream("rt_rules"), endTime: at(HOUR) });
    expect(fourth).toMatchObject({ ok: false, code: "LimitExceeded.MaximumRunningTask" });
    expect(explainLiveError("LimitExceeded.MaximumRunningTask", undefined, "CreateRecordTask").meaning).toMatch(
      /3 overlapping/,
    );
    // One that starts after the three end does not overlap them.
    const later = await client.createRecordTask({
      ...stream("rt_rules"),
      startTime: at(2 * HOUR),
      endTime: at(3 * HOUR),
    });
    expect(later.ok).toBe(true);
  });

  it("never retries CreateRecordTask, and retries StopRecordTask after a dropped connection", async () => {
    const client = clientFor(sim);
    const before = sim.callCount("CreateRecordTask");
    sim.inject({ action: "CreateRecordTask", mode: "reset", count: 1 });
    const created = await client.createRecordTask({ ...stream("rt_retry"), endTime: at(HOUR) });
    expect(created).toMatchObject({ ok: false, kind: "network", attempts: 1 });
    expect(sim.callCount("CreateRecordTask") - before).toBe(1);

    const id = sim.createRecordTask({ streamName: "rt_retry2" });
    if ("error" in id) throw new Error(id.error);
    sim.inject({ action: "StopRecordTask", mode: "reset", count: 1 });
    expect(await client.stopRecordTask({ taskId: id.taskId })).toMatchObject({ ok: true, attempts: 2 });
  });

  it("lists a task only when both its start and end fall inside the window, and refuses bad windows", async () => {
    const client = clientFor(sim);
    const id = sim.createRecordTask({ streamName: "rt_window", startTime: unix(HOUR), endTime: unix(3 * HOUR) });
    if ("error" in id) throw new Error(id.error);
    const ids = async (from: number, to: number) => {
      const r = await client.describeRecordTask({ startTime: at(from), endTime: at(to), streamName: "rt_window" });
      return r.ok ? r.data.tasks.map((t) => t.taskId) : r.code;
    };
    expect(await ids(0, 4 * HOUR)).toEqual([id.taskId]);
    expect(await ids(2 * HOUR, 4 * HOUR)).toEqual([]);
    expect(await ids(0, 2 * HOUR)).toEqual([]);
    expect(await ids(-DAY, 6 * DAY + HOUR)).toBe("InvalidParameter"); // a span over 7 days
    expect(await ids(0, 7 * DAY)).toEqual([id.taskId]); // exactly 7 days is allowed
    expect(await ids(-91 * DAY, -85 * DAY)).toBe("InvalidParameter");
    expect(await ids(2 * HOUR, HOUR)).toBe("InvalidParameter");
    const r = await client.describeRecordTask({ startTime: at(-DAY), endTime: at(7 * DAY) });
    expect(r).toMatchObject({ ok: false, code: "InvalidParameter" });
    expect(explainLiveError("InvalidParameter", undefined, "DescribeRecordTask").meaning).toMatch(/7 days/);
  });

  it("keeps records 3 months: an older task is gone from lists and unknown to Stop", async () => {
    const client = clientFor(sim);
    const old = sim.createRecordTask({ streamName: "rt_old", startTime: unix(-92 * DAY), endTime: unix(-91 * DAY) });
    const recent = sim.createRecordTask({ streamName: "rt_old", startTime: unix(-80 * DAY), endTime: unix(-79 * DAY) });
    if ("error" in old || "error" in recent) throw new Error("not created");
    const listed = sim.listRecordTasks().map((t) => t.taskId);
    expect(listed).toContain(recent.taskId);
    expect(listed).not.toContain(old.taskId);
    expect(await client.stopRecordTask({ taskId: old.taskId })).toMatchObject({ code: UNKNOWN_RECORD_TASK_CODE });
    const r = await client.describeRecordTask({ startTime: at(-81 * DAY), endTime: at(-78 * DAY) });
    expect(r.ok && r.data.tasks.map((t) => t.taskId)).toEqual([recent.taskId]);
  });

  it("describes the seeded recording templates with their formats", async () => {
    const r = await clientFor(sim).describeLiveRecordTemplates();
    expect(r.ok && r.data.templates).toEqual([
      { templateId: 71001, templateName: "hls_vod", description: expect.any(String), formats: ["hls"] },
      { templateId: 71002, templateName: "archive_flv_mp4", description: expect.any(String), formats: ["flv", "mp4"] },
      { templateId: 71003, templateName: "audio_aac", description: expect.any(String), formats: ["aac"] },
    ]);
  });

  it("creates a task behind RecDesk's back through POST /_sim/record-tasks", async () => {
    const res = await fetch(`${sim.url}/_sim/record-tasks`, {
      method: "POST",
      body: JSON.stringify({ streamName: "rt_backdoor", startTime: new Date(Date.now() + HOUR).toISOString() }),
    });
    const { taskId } = (await res.json()) as { taskId: string };
    expect(res.status).toBe(200);
    const r = await clientFor(sim).describeRecordTask({
      startTime: at(0),
      endTime: at(3 * HOUR),
      streamName: "rt_backdoor",
    });
    expect(r.ok && r.data.tasks.map((t) => t.taskId)).toEqual([taskId]);
    const bad = await fetch(`${sim.url}/_sim/record-tasks`, {
      method: "POST",
      body: JSON.stringify({ streamName: "rt_backdoor", endTime: unix(2 * DAY) }),
    });
    expect(bad.status).toBe(400);
  });
});

describe("RecordTask family: region, paging, rate limits and seeding", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await simulator({ streams: 20, tasks: 0, recordTasks: 0, recordTaskPageSize: 3 });
  });
  afterAll(() => sim.close());

  it("requires X-TC-Region on the family: MissingParameter without it, InvalidParameterValue for a bad one", async () => {
    const body = JSON.stringify({ TaskId: "UpAbc" });
    expect(await errorCode(sim, { action: "StopRecordTask", body })).toBe("MissingParameter");
    expect(await errorCode(sim, { action: "StopRecordTask", body, extraSigned: { "x-tc-region": "ap-nowhere" } })).toBe(
      "InvalidParameterValue",
    );
    expect(
      await errorCode(sim, { action: "StopRecordTask", body, extraSigned: { "x-tc-region": "ap-guangzhou" } }),
    ).toBe(UNKNOWN_RECORD_TASK_CODE);
    // The legacy actions need no region (their docs say not to send one).
    const legacy = await rawCall(sim, { action: "DescribeLiveDomains" });
    expect(legacy.json.Response.Error).toBeUndefined();
    // The client sends the configured region.
    const elsewhere = clientFor(sim, { region: "ap-singapore" });
    expect((await elsewhere.stopRecordTask({ taskId: "UpAbc" })).ok).toBe(false);
    expect(await clientFor(sim, { region: "xx-nowhere" }).stopRecordTask({ taskId: "UpAbc" })).toMatchObject({
      code: "InvalidParameterValue",
    });
  });

  it("pages DescribeRecordTask by ScrollToken without repeating or losing a task", async () => {
    const made = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const r = sim.createRecordTask({ streamName: `rt_page_${i % 4}`, startTime: unix(i * 60_000) });
      if ("taskId" in r) made.add(r.taskId);
    }
    const client = clientFor(sim);
    const seen: RecordTaskInfo[] = [];
    let scrollToken = "";
    let pages = 0;
    do {
      const r = await client.describeRecordTask({ startTime: at(-HOUR), endTime: at(3 * HOUR), scrollToken });
      if (!r.ok) throw new Error(r.code);
      expect(r.data.tasks.length).toBeLessThanOrEqual(3);
      seen.push(...r.data.tasks);
      scrollToken = r.data.scrollToken;
      pages++;
    } while (scrollToken);
    expect(pages).toBe(3);
    expect(seen.map((t) => t.taskId).sort()).toEqual([...made].sort());
    const tampered = await client.describeRecordTask({
      startTime: at(-HOUR),
      endTime: at(2 * HOUR),
      scrollToken: "bm90LWEtdG9rZW4",
    });
    expect(tampered).toMatchObject({ ok: false, code: "InvalidParameter" });
  });

  it("gives each action of the family its own 20/s limit, which the client never exceeds", async () => {
    const actions: RecordTaskAction[] = [
      "CreateRecordTask",
      "StopRecordTask",
      "DeleteRecordTask",
      "DescribeRecordTask",
      "DescribeLiveRecordTemplates",
    ];
    for (const a of actions) expect(DOCUMENTED_RATE_LIMITS[a]).toBe(20);
    expect(DOCUMENTED_RATE_LIMITS.StopLiveRecord).toBe(200);
    const client = clientFor(sim);
    const results = await Promise.all([
      ...Array.from({ length: 45 }, () => client.describeLiveRecordTemplates()),
      ...Array.from({ length: 25 }, () => client.stopRecordTask({ taskId: "UpUnknown" })),
    ]);
    expect(results.filter((r) => !r.ok && r.code === "RequestLimitExceeded")).toEqual([]);
    for (const action of ["DescribeLiveRecordTemplates", "StopRecordTask"]) {
      const windows = sim.rateWindows(action);
      expect(windows.every((w) => w.accepted <= 20 && w.limited === 0)).toBe(true);
    }
    // Past 20 in one second the simulator answers RequestLimitExceeded (raw calls skip the client's limiter).
    // A burst may straddle two seconds; a few bursts make sure one lands in a single second.
    let limited = 0;
    for (let i = 0; i < 10 && limited === 0; i++) {
      const burst = await Promise.all(
        Array.from({ length: 30 }, () =>
          errorCode(sim, { action: "DescribeLiveRecordTemplates", extraSigned: { "x-tc-region": "ap-guangzhou" } }),
        ),
      );
      limited = burst.filter((c) => c === "RequestLimitExceeded").length;
    }
    expect(limited).toBeGreaterThan(0);
  });

  it("seeds RecordTasks deterministically in a realistic mix of states (demo mode)", async () => {
    const demo = await simulator({ streams: 40, recordTasks: 24, seed: 9 });
    const again = await simulator({ streams: 40, recordTasks: 24, seed: 9 });
    try {
      const tasks = demo.listRecordTasks();
      expect(tasks).toHaveLength(24);
      expect(new Set(tasks.map((t) => t.state))).toEqual(new Set(["scheduled", "recording", "ended"]));
      expect(again.listRecordTasks().map((t) => t.taskId)).toEqual(tasks.map((t) => t.taskId));
      for (const t of tasks) expect(Date.parse(t.endTime) - Date.parse(t.startTime)).toBeLessThanOrEqual(DAY);
      expect(demo.listTasks().length).toBeGreaterThan(0); // both families
    } finally {
      await demo.close();
      await again.close();
    }
  });
});

describe("RecordTask error catalog", () => {
  it("explains every documented code of every action of the family: what it means and what to do next", () => {
    for (const [action, codes] of Object.entries(RECORD_TASK_DOCUMENTED_CODES)) {
      for (const code of codes) {
        const e = explainLiveError(code, undefined, action as RecordTaskAction);
        expect(e.title, `${action} ${code}`).not.toMatch(/^Unexpected/);
        expect(e.meaning.length).toBeGreaterThan(10);
        expect(e.nextStep.length).toBeGreaterThan(10);
      }
    }
    expect(explainLiveError("ResourceNotFound.StopService", undefined, "StopRecordTask").accountLevel).toBe(true);
    expect(explainLiveError("MissingParameter", undefined, "DescribeRecordTask").nextStep).toMatch(
      /TENCENTCLOUD_REGION/,
    );
  });
});
