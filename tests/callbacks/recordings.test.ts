import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callbackEvents, recordingFiles, recordStatusEvents } from "@/lib/db/schema/callbacks";
import type { OpenDatabase } from "@/lib/db/types";
import { parseRecordingFilters } from "@/lib/recordings/filters";
import { latestRecordingFailure, listRecordings, recordingsOfTasks } from "@/lib/recordings/queries";
import { drivers, openTestDb } from "../helpers/test-db";

const DAY1 = Date.parse("2026-12-01T00:00:00Z");
const key = { domainName: "push.example.com", appName: "live", streamName: "s1" };

describe.each(drivers)("the recordings list on %s", (driver) => {
  let open: OpenDatabase;
  beforeAll(async () => {
    open = await openTestDb(driver);
    const [event] = await open.db
      .insert(callbackEvents)
      .values({ dedupKey: "fixture", eventType: 100, rawBody: "{}" })
      .returning({ id: callbackEvents.id });
    // 30 files: three streams, two days, two formats; five share one start time (the keyset's tie-break).
    await open.db.insert(recordingFiles).values(
      Array.from({ length: 30 }, (_, i) => ({
        domainName: i % 3 === 2 ? "other.example.com" : "push.example.com",
        appName: "live",
        streamName: `s${i % 3}`,
        taskId: i % 2 ? `task-${i % 4}` : null,
        fileId: `file-${i}`,
        fileFormat: i % 2 ? "MP4" : "FLV",
        startTime: new Date(DAY1 + (i < 5 ? 0 : i * 3_600_000)),
        endTime: new Date(DAY1 + i * 3_600_000 + 600_000),
        durationSeconds: 600,
        fileSize: 1000 + i,
        videoUrl: `https://vod.example.com/${i}.mp4`,
        eventId: event!.id,
      })),
    );
  });
  afterAll(async () => open?.close());

  it("pages through every file exactly once, newest first, and back again", async () => {
    const parsed = parseRecordingFilters({});
    if (!parsed.ok) throw new Error("filters");
    const seen: string[] = [];
    let cursor = parsed.cursor;
    const pages = [];
    for (;;) {
      const page = await listRecordings(open.db, parsed.filters, cursor, 7);
      pages.push(page);
      seen.push(...page.rows.map((r) => r.fileId));
      if (!page.older) break;
      cursor = parseRecordingFilters({ before: page.older }).ok
        ? (parseRecordingFilters({ before: page.older }) as { cursor: typeof cursor }).cursor
        : {};
    }
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);
    const starts = pages.flatMap((p) => p.rows.map((r) => Date.parse(r.startTime)));
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
    // "Newer" from the second page gives the first page back.
    const back = parseRecordingFilters({ after: pages[1]!.newer! });
    if (!back.ok) throw new Error("cursor");
    const first = await listRecordings(open.db, back.filters, back.cursor, 7);
    expect(first.rows.map((r) => r.fileId)).toEqual(pages[0]!.rows.map((r) => r.fileId));
    expect(first.newer).toBeUndefined();
  });

  it("filters by stream, domain, day and format", async () => {
    const run = async (params: Record<string, string>) => {
      const p = parseRecordingFilters(params);
      if (!p.ok) throw new Error(JSON.stringify(p.fieldErrors));
      return (await listRecordings(open.db, p.filters, p.cursor, 100)).rows;
    };
    expect((await run({ stream: "s1" })).every((r) => r.streamName === "s1")).toBe(true);
    expect(await run({ stream: "s1" })).toHaveLength(10);
    expect((await run({ domain: "other.example.com" })).every((r) => r.streamName === "s2")).toBe(true);
    expect((await run({ format: "mp4" })).every((r) => r.fileFormat === "MP4")).toBe(true);
    const day2 = await run({ date: "2026-12-02" });
    expect(day2.length).toBeGreaterThan(0);
    expect(day2.every((r) => r.startTime.startsWith("2026-12-02"))).toBe(true);
  });

  it("refuses a bad filter with a message per field", () => {
    const p = parseRecordingFilters({ date: "2026-02-31", format: "AVI", before: "x" });
    expect(p.ok).toBe(false);
    if (p.ok) return;
    expect(Object.keys(p.fieldErrors).sort()).toEqual(["before", "date", "format"]);
  });

  it("finds a RecordTask's files by its task_id", async () => {
    const byTask = await recordingsOfTasks(open.db, ["task-1", "task-3", "nothing"]);
    expect(byTask["task-1"]!.every((r) => r.taskId === "task-1")).toBe(true);
    expect(byTask["task-1"]!.length).toBeGreaterThan(0);
    expect(byTask.nothing).toBeUndefined();
  });

  it("shows a stream's latest record status when it is a failure, and not once recording went on", async () => {
    const [event] = await open.db
      .insert(callbackEvents)
      .values([
        { dedupKey: "s1", eventType: 332, rawBody: "{}" },
        { dedupKey: "s2", eventType: 332, rawBody: "{}" },
      ])
      .returning({ id: callbackEvents.id });
    await open.db.insert(recordStatusEvents).values({
      ...key,
      eventId: event!.id,
      taskId: "t-1",
      recordEvent: "record_error",
      eventTime: new Date(DAY1),
      errorText: "record_error",
    });
    expect(await latestRecordingFailure(open.db, key)).toMatchObject({ recordEvent: "record_error", taskId: "t-1" });
    await open.db.insert(recordStatusEvents).values({
      ...key,
      eventId: event!.id + 1,
      taskId: "t-1",
      recordEvent: "record_start_succeeded",
      eventTime: new Date(DAY1 + 60_000),
    });
    expect(await latestRecordingFailure(open.db, key)).toBeNull();
  });
});
