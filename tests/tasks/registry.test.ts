import { describe, expect, it } from "vitest";
import { resolveSelection } from "@/lib/bulk/selection";
import {
  countRunningTasksByStream,
  getTask,
  listTasks,
  listTasksForStream,
  registerTask,
  seedDemoTasks,
  startRecording,
  stopTask,
  streamKey,
} from "@/lib/tasks";
import { parseTaskSearch, taskSearchQuery } from "@/lib/tasks/filters";
import { drivers } from "../helpers/test-db";
import { auditFor, oncall, support, useTaskFixture } from "./helpers";

const MAX = "18446744073709551615";

describe.each(drivers)("the task registry (%s)", (driver) => {
  const fx = useTaskFixture(driver, { seed: false });

  it("seeds the simulator's tasks once, however often start-up runs", async () => {
    const tasks = fx.live.sim.listTasks();
    expect((await seedDemoTasks(fx.opened.db, tasks)).inserted).toBe(tasks.length);
    expect((await seedDemoTasks(fx.opened.db, tasks)).inserted).toBe(0);
    const page = await listTasks(fx.opened.db, {}, { pageSize: 200 });
    expect(page.total).toBe(tasks.length);
    const states = new Set(page.rows.map((r) => r.state));
    expect(states.has("recording") && states.has("stopped")).toBe(true);
  });

  it("filters by state, stream, domain and 'running longer than N hours', and pages on the server", async () => {
    const tasks = fx.live.sim.listTasks();
    await seedDemoTasks(fx.opened.db, tasks);
    const now = new Date();
    const recording = tasks.filter((t) => t.state === "recording");
    expect((await listTasks(fx.opened.db, { state: "recording" }, { pageSize: 200, now })).total).toBe(
      recording.length,
    );
    const longRunners = recording.filter((t) => now.getTime() - Date.parse(t.startTime) > 24 * 3600_000);
    const runaway = await listTasks(fx.opened.db, { runningHours: 24 }, { pageSize: 200, now });
    expect(runaway.rows.map((r) => r.taskId).sort()).toEqual(longRunners.map((t) => t.taskId).sort());
    const one = tasks[0]!;
    const byStream = await listTasks(
      fx.opened.db,
      { stream: one.streamName.slice(0, 8).toUpperCase() },
      { pageSize: 200 },
    );
    expect(
      byStream.rows.every((r) => r.streamName.toLowerCase().includes(one.streamName.slice(0, 8).toLowerCase())),
    ).toBe(true);
    expect(
      (await listTasks(fx.opened.db, { domain: one.domainName }, { pageSize: 200 })).rows.every(
        (r) => r.domainName === one.domainName,
      ),
    ).toBe(true);
    const p2 = await listTasks(fx.opened.db, {}, { page: 2, pageSize: 5 });
    expect(p2).toMatchObject({ page: 2, pageSize: 5, total: tasks.length, pageCount: Math.ceil(tasks.length / 5) });
    expect(p2.rows).toHaveLength(5);
    // Past the end clamps to the last page rather than showing an empty table.
    expect((await listTasks(fx.opened.db, {}, { page: 999, pageSize: 5 })).page).toBe(Math.ceil(tasks.length / 5));
  });

  it("counts, beside the total, the matching tasks a Stop makes sense for: what 'select all matching' would stop", async () => {
    const tasks = fx.live.sim.listTasks();
    await seedDemoTasks(fx.opened.db, tasks);
    const now = new Date();
    const all = await listTasks(fx.opened.db, {}, { pageSize: 200, now });
    const notStoppedInSimulator = tasks.filter((t) => t.state !== "stopped").length;
    expect(all.stoppable).toBeGreaterThan(0);
    expect(all.stoppable).toBeLessThan(all.total);
    expect(all.stoppable).toBe(
      (await resolveSelection(fx.opened.db, { kind: "filter", filters: {} }, 100_000, now)).count,
    );
    expect(all.stoppable).toBeLessThanOrEqual(notStoppedInSimulator);
    expect((await listTasks(fx.opened.db, { state: "stopped" }, { now })).stoppable).toBe(0);
    const recording = await listTasks(fx.opened.db, { state: "recording" }, { now });
    expect(recording.stoppable).toBe(recording.total);
  });

  it("reads filters from the URL and drops malformed ones", () => {
    expect(parseTaskSearch({ state: "recording", running: "24", stream: " room ", page: "3" })).toEqual({
      filters: { state: "recording", stream: "room", domain: undefined, runningHours: 24 },
      page: 3,
    });
    expect(parseTaskSearch({ state: "exploded", running: "-1", page: "x" })).toEqual({
      filters: { state: undefined, stream: undefined, domain: undefined, runningHours: undefined },
      page: 1,
    });
    expect(taskSearchQuery({ state: "stopped", runningHours: 6 }, 2)).toBe("?state=stopped&running=6&page=2");
  });

  it("a TaskId of 2^64−1 survives register → list → stop with every digit intact", async () => {
    fx.live.sim.reset({ tasks: 1, taskIdBase: MAX });
    const simTask = fx.live.sim.listTasks()[0]!;
    expect(simTask.taskId).toBe(MAX);
    const reg = await registerTask(
      fx.opened.db,
      { taskId: MAX, streamName: simTask.streamName, appName: simTask.appName, domainName: simTask.domainName },
      support,
    );
    expect(reg).toMatchObject({ ok: true, taskId: MAX, alreadyKnown: false });
    const listed = await listTasks(fx.opened.db, { stream: simTask.streamName });
    expect(listed.rows.map((r) => r.taskId)).toContain(MAX);
    const stopped = await stopTask(
      fx.opened.db,
      { getClient: fx.live.getClient },
      { taskId: MAX, streamName: simTask.streamName, reason: "max id check" },
      support,
    );
    expect(stopped).toMatchObject({ ok: true, taskId: MAX });
    expect(fx.live.sim.listTasks()[0]).toMatchObject({ taskId: MAX, state: "stopped" });
    expect((await auditFor(fx.opened.db, MAX)).map((a) => [a.action, a.outcome])).toEqual([
      ["task.register", "ok"],
      ["task.stop", "ok"],
    ]);
  });

  it("registering again is harmless for the same stream and refused for another", async () => {
    const input = { taskId: "77", streamName: "room_1" };
    expect(await registerTask(fx.opened.db, input, support)).toMatchObject({ ok: true, alreadyKnown: false });
    expect(await registerTask(fx.opened.db, input, oncall)).toMatchObject({ ok: true, alreadyKnown: true });
    expect(await registerTask(fx.opened.db, { taskId: "77", streamName: "room_2" }, oncall)).toMatchObject({
      ok: false,
      code: "RecDesk.StreamMismatch",
    });
    expect(await registerTask(fx.opened.db, { taskId: "0", streamName: "room 2" }, oncall)).toMatchObject({
      ok: false,
      code: "InvalidInput",
      values: { taskId: "0" },
    });
    expect(await getTask(fx.opened.db, "77")).toMatchObject({
      state: "unknown",
      source: "registered",
      createdByEmail: "support@recdesk.local",
    });
  });

  it("lists a stream's tasks and counts running ones per stream", async () => {
    const tasks = fx.live.sim.listTasks();
    await seedDemoTasks(fx.opened.db, tasks);
    const t = tasks.find((x) => x.state === "recording")!;
    const mine = await listTasksForStream(fx.opened.db, {
      domainName: t.domainName,
      appName: t.appName,
      streamName: t.streamName,
    });
    expect(mine.map((x) => x.taskId)).toContain(t.taskId);
    // Registered by stream name and TaskId alone (no domain): shown on the page of that stream on any domain.
    expect(
      await registerTask(fx.opened.db, { taskId: "4242", streamName: t.streamName, appName: t.appName }, support),
    ).toMatchObject({ ok: true });
    const withDomainless = await listTasksForStream(fx.opened.db, {
      domainName: t.domainName,
      appName: t.appName,
      streamName: t.streamName,
    });
    expect(withDomainless.map((x) => x.taskId)).toEqual(expect.arrayContaining([t.taskId, "4242"]));
    expect(
      (
        await listTasksForStream(fx.opened.db, {
          domainName: "other.example.com",
          appName: t.appName,
          streamName: t.streamName,
        })
      ).map((x) => x.taskId),
    ).toEqual(["4242"]);
    const counts = await countRunningTasksByStream(fx.opened.db);
    const expected = tasks.filter(
      (x) =>
        x.state === "recording" &&
        x.streamName === t.streamName &&
        x.appName === t.appName &&
        x.domainName === t.domainName,
    ).length;
    expect(counts.get(streamKey(t.domainName, t.appName, t.streamName))).toBe(expected);
  });

  it("starts a scheduled recording in the user's time zone, sends China Standard Time and registers the TaskId", async () => {
    const online = fx.live.sim.listTasks()[0]!;
    const now = new Date("2030-01-10T00:00:00Z");
    // Hand-written instants, not computed with the code's own conversion. Europe/Helsinki is UTC+2 in winter and
    // UTC+3 in summer; China Standard Time is UTC+8 all year, so the clock reads six, then five, hours later.
    const cases = [
      {
        startLocal: "2030-01-15T14:30",
        endLocal: "2030-01-15T16:45",
        startTimeCst: "2030-01-15 20:30:00",
        endTimeCst: "2030-01-15 22:45:00",
      },
      {
        startLocal: "2030-07-15T23:10",
        endLocal: "2030-07-16T01:00",
        startTimeCst: "2030-07-16 04:10:00",
        endTimeCst: "2030-07-16 06:00:00",
      },
    ];
    for (const c of cases) {
      const r = await startRecording(
        fx.opened.db,
        { getClient: fx.live.getClient, now: () => now },
        {
          streamName: online.streamName,
          appName: online.appName,
          domainName: online.domainName,
          mode: "scheduled",
          startLocal: c.startLocal,
          endLocal: c.endLocal,
          timeZone: "Europe/Helsinki",
          fileFormat: "mp4",
          recordType: "video",
        },
        oncall,
      );
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.taskId).toMatch(/^[1-9]\d*$/);
      expect({ startTimeCst: r.startTimeCst, endTimeCst: r.endTimeCst }).toEqual({
        startTimeCst: c.startTimeCst,
        endTimeCst: c.endTimeCst,
      });
      expect(await getTask(fx.opened.db, r.taskId)).toMatchObject({
        state: "scheduled",
        source: "created",
        createdByEmail: "oncall@recdesk.local",
        lastAction: "start",
        lastRequestId: r.requestId,
      });
      expect(fx.live.sim.listTasks().some((t) => t.taskId === r.taskId)).toBe(true);
    }
  });

  it("on a create timeout says the task may exist, does not retry and records the outcome unknown", async () => {
    fx.live.sim.inject({ action: "CreateLiveRecord", mode: "hang" });
    const before = fx.live.sim.callCount("CreateLiveRecord");
    const t = fx.live.sim.listTasks()[0]!;
    const r = await startRecording(
      fx.opened.db,
      { getClient: fx.live.getClient },
      {
        streamName: t.streamName,
        appName: t.appName,
        domainName: t.domainName,
        mode: "realtime",
        timeZone: "UTC",
        fileFormat: "flv",
        recordType: "video",
      },
      oncall,
    );
    expect(r).toMatchObject({ ok: false, code: "RecDesk.Timeout", mayExist: true });
    expect(r.streamHref).toContain(encodeURIComponent(t.streamName));
    expect(fx.live.sim.callCount("CreateLiveRecord")).toBe(before + 1);
  }, 20_000);

  it("refuses a scheduled recording without times or ending in the past, keeping what was typed", async () => {
    const base = {
      streamName: "room_1",
      appName: "live",
      domainName: "push.recdesk-demo.com",
      timeZone: "UTC",
      fileFormat: "flv",
      recordType: "video",
    };
    const missing = await startRecording(
      fx.opened.db,
      { getClient: fx.live.getClient },
      { ...base, mode: "scheduled" },
      oncall,
    );
    expect(missing).toMatchObject({ ok: false, code: "InvalidInput" });
    if (!missing.ok) expect(Object.keys(missing.fieldErrors ?? {}).sort()).toEqual(["endLocal", "startLocal"]);
    const past = await startRecording(
      fx.opened.db,
      { getClient: fx.live.getClient },
      { ...base, mode: "scheduled", startLocal: "2020-01-01T10:00", endLocal: "2020-01-01T11:00" },
      oncall,
    );
    expect(past).toMatchObject({ ok: false, code: "InvalidInput", values: { startLocal: "2020-01-01T10:00" } });
    expect(fx.live.sim.callCount("CreateLiveRecord")).toBe(0);
  });
});
