import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "@/lib/tencent-live/simulator";
import { dateToCst } from "@/lib/tencent-live/validation";
import { clientFor, simulator } from "./helpers";

const inHours = (h: number) => dateToCst(new Date(Date.now() + h * 3600_000));

describe("Live client against the simulator: success paths", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await simulator({ streams: 250, tasks: 40, sessionToken: "sts-token-1" });
  });
  afterAll(() => sim.close());

  it("stops a runaway recording and returns its RequestId", async () => {
    const client = clientFor(sim);
    const task = sim.listTasks().find((t) => t.state === "recording")!;
    const r = await client.stopLiveRecord({ streamName: task.streamName, taskId: task.taskId });
    expect(r).toMatchObject({ ok: true, attempts: 1, data: {} });
    expect(r.ok && r.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sim.listTasks().find((t) => t.taskId === task.taskId)!.state).toBe("stopped");
  });

  it("stopping an already-stopped task succeeds again (documented simulator choice)", async () => {
    const client = clientFor(sim);
    const task = sim.listTasks().find((t) => t.state === "stopped")!;
    expect((await client.stopLiveRecord({ streamName: task.streamName, taskId: task.taskId })).ok).toBe(true);
    expect((await client.stopLiveRecord({ streamName: task.streamName, taskId: task.taskId })).ok).toBe(true);
  });

  it("creates a scheduled task, then stops and deletes it", async () => {
    const client = clientFor(sim);
    const created = await client.createLiveRecord({
      streamName: "room_new",
      startTime: inHours(1),
      endTime: inHours(2),
      fileFormat: "mp4",
    });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const task = sim.listTasks().find((t) => t.taskId === created.data.taskId)!;
    expect(task).toMatchObject({
      streamName: "room_new",
      state: "scheduled",
      fileFormat: "mp4",
      recordType: "video",
      appName: "live",
    });
    expect((await client.stopLiveRecord({ streamName: "room_new", taskId: created.data.taskId })).ok).toBe(true);
    expect((await client.deleteLiveRecord({ streamName: "room_new", taskId: created.data.taskId })).ok).toBe(true);
    expect(sim.listTasks().some((t) => t.taskId === created.data.taskId)).toBe(false);
  });

  it("creates a real-time (highlight) recording on a live stream", async () => {
    const client = clientFor(sim);
    const page = await client.describeLiveStreamOnlineList({ pageSize: 10 });
    const s = page.ok ? page.data.streams[0]! : undefined;
    const created = await client.createLiveRecord({
      streamName: s!.streamName,
      appName: s!.appName,
      domainName: s!.domainName,
      highlight: 1,
      recordType: "audio",
      fileFormat: "aac",
    });
    expect(created.ok).toBe(true);
    const task = sim.listTasks().find((t) => created.ok && t.taskId === created.data.taskId)!;
    expect(task).toMatchObject({ state: "recording", recordType: "audio" });
    expect(Date.parse(task.endTime) - Date.parse(task.startTime)).toBeLessThanOrEqual(30 * 60_000);
  });

  it("reads one page of online streams with publish times", async () => {
    const r = await clientFor(sim).describeLiveStreamOnlineList({ pageNum: 2, pageSize: 100 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data).toMatchObject({ totalNum: 250, totalPage: 3, pageNum: 2, pageSize: 100 });
    expect(r.data.streams).toHaveLength(100);
    expect(r.data.streams[0]!.publishTimes[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it("walks every page of the online list", async () => {
    const client = clientFor(sim);
    const r = await client.listAllOnlineStreams();
    expect(r.ok && r.data.pages).toBe(3);
    expect(r.ok && new Set(r.data.streams.map((s) => s.streamName)).size).toBe(250);
    const filtered = await client.listAllOnlineStreams({ appName: "edu" });
    expect(filtered.ok && filtered.data.streams.every((s) => s.appName === "edu")).toBe(true);
  });

  it("tells active, inactive and forbidden streams apart", async () => {
    const client = clientFor(sim);
    const page = await client.describeLiveStreamOnlineList({ pageSize: 10 });
    const s = page.ok ? page.data.streams[0]! : undefined;
    expect(
      await client.describeLiveStreamState({
        domainName: s!.domainName,
        appName: s!.appName,
        streamName: s!.streamName,
      }),
    ).toMatchObject({ ok: true, data: { state: "active" } });
    expect(
      await client.describeLiveStreamState({ domainName: s!.domainName, appName: "live", streamName: "nobody_here" }),
    ).toMatchObject({ ok: true, data: { state: "inactive" } });
    const domains = await client.describeLiveDomains({ domainType: 0 });
    const push = domains.ok ? domains.data.domains[0]!.name : "";
    expect(
      await client.describeLiveStreamState({ domainName: push, appName: "live", streamName: "banned_1" }),
    ).toMatchObject({ ok: true, data: { state: "forbid" } });
  });

  it("lists push and playback domains", async () => {
    const r = await clientFor(sim).describeLiveDomains();
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.total).toBe(r.data.domains.length);
    expect(r.data.domains.map((d) => d.type).sort()).toEqual([0, 0, 0, 1]);
    expect(r.data.domains[0]!.createTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const play = await clientFor(sim).describeLiveDomains({ domainType: 1 });
    expect(play.ok && play.data.domains.map((d) => d.name)).toEqual(["play.recdesk-demo.com"]);
  });

  it("refuses an invalid TaskId locally without calling Tencent", async () => {
    const client = clientFor(sim);
    const before = sim.callCount("StopLiveRecord");
    for (const taskId of ["abc", "0", "0123", "18446744073709551616", "-5", "1.5"]) {
      expect(await client.stopLiveRecord({ streamName: "room", taskId })).toMatchObject({
        ok: false,
        code: "RecDesk.InvalidInput",
        attempts: 0,
      });
    }
    expect(sim.callCount("StopLiveRecord")).toBe(before);
  });

  it("counts calls for the bench and the bulk worker", async () => {
    const client = clientFor(sim);
    await client.describeLiveDomains();
    await client.describeLiveDomains();
    expect(client.stats()).toEqual({ calls: 2, retries: 0, throttledWaits: 0 });
  });
});

describe("TaskId 2^64 − 1 round trip", () => {
  it("creates task 18446744073709551615, finds it in the task list, and stops it with every digit intact", async () => {
    const sim = await simulator({ tasks: 0, taskIdBase: "18446744073709551615" });
    try {
      const client = clientFor(sim);
      const created = await client.createLiveRecord({
        streamName: "max_id",
        startTime: inHours(1),
        endTime: inHours(3),
      });
      expect(created).toMatchObject({ ok: true, data: { taskId: "18446744073709551615" } });
      expect(sim.listTasks().map((t) => t.taskId)).toEqual(["18446744073709551615"]);
      // A neighbour one below must not match: proves the stop is not rounded to a nearby double.
      expect(await client.stopLiveRecord({ streamName: "max_id", taskId: "18446744073709551614" })).toMatchObject({
        ok: false,
        code: "ResourceNotFound.TaskId",
        kind: "api",
      });
      expect((await client.stopLiveRecord({ streamName: "max_id", taskId: "18446744073709551615" })).ok).toBe(true);
      expect(sim.listTasks()[0]!.state).toBe("stopped");
    } finally {
      await sim.close();
    }
  });
});
