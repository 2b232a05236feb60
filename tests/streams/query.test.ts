import { describe, expect, it, vi } from "vitest";
import { indexStreams, parseStreamsQuery, selectStreams, StreamsQuerySchema } from "@/lib/streams/query";
import { runningTasksFor } from "@/lib/streams/task-counts";
import type { OnlineStream } from "@/lib/tencent-live/types";

const at = (minutesAgo: number) => new Date(Date.parse("2026-11-25T08:00:00Z") - minutesAgo * 60_000).toISOString();
const stream = (
  streamName: string,
  minutesAgo: number | null,
  domainName = "push.example.com",
  appName = "live",
): OnlineStream => ({
  streamName,
  appName,
  domainName,
  publishTimes: minutesAgo === null ? [] : [at(minutesAgo)],
  pushToDelay: 0,
});

const index = indexStreams([
  stream("Lobby-Cam", 30),
  stream("lobby-backup", 5),
  stream("stage", 600, "push2.example.com"),
  stream("radio", 60, "push.example.com", "audio"),
  stream("ghost", null),
]);
const q = (params: Record<string, string>) => StreamsQuerySchema.parse(params);

describe("stream list queries", () => {
  it("lists the longest-publishing stream first by default, streams without a publish time last", () => {
    expect(selectStreams(index, q({})).rows.map((r) => r.streamName)).toEqual([
      "stage",
      "radio",
      "Lobby-Cam",
      "lobby-backup",
      "ghost",
    ]);
    expect(selectStreams(index, q({ sort: "age-asc" })).rows.map((r) => r.streamName)).toEqual([
      "lobby-backup",
      "Lobby-Cam",
      "radio",
      "stage",
      "ghost",
    ]);
  });

  it("finds streams by a case-insensitive part of the name, within a domain and app", () => {
    expect(selectStreams(index, q({ q: "LOBBY" })).rows.map((r) => r.streamName)).toEqual([
      "Lobby-Cam",
      "lobby-backup",
    ]);
    expect(selectStreams(index, q({ domain: "push2.example.com" })).rows.map((r) => r.streamName)).toEqual(["stage"]);
    expect(selectStreams(index, q({ app: "audio" })).matched).toBe(1);
    expect(index.domains).toEqual(["push.example.com", "push2.example.com"]);
    expect(index.apps).toEqual(["audio", "live"]);
  });

  it("pages the matches and falls back to the last page when the list shrank", () => {
    const many = indexStreams(Array.from({ length: 60 }, (_, i) => stream(`s${i}`, i + 1)));
    const page2 = selectStreams(many, q({ page: "2", pageSize: "25" }));
    expect(page2).toMatchObject({ matched: 60, page: 2, pageCount: 3 });
    expect(page2.rows[0]?.streamName).toBe("s34");
    expect(selectStreams(many, q({ page: "9", pageSize: "25" }))).toMatchObject({ page: 3, pageCount: 3 });
    expect(selectStreams(many, q({ q: "nothing" }))).toMatchObject({ matched: 0, page: 1, pageCount: 1, rows: [] });
  });

  it("rejects a page size or sort it does not offer", () => {
    expect(parseStreamsQuery(new URLSearchParams("pageSize=100000")).success).toBe(false);
    expect(parseStreamsQuery(new URLSearchParams("sort=name")).success).toBe(false);
    expect(parseStreamsQuery(new URLSearchParams("page=0")).success).toBe(false);
    expect(parseStreamsQuery(new URLSearchParams("q=&domain=&page=")).data).toMatchObject({
      sort: "age-desc",
      page: 1,
      pageSize: 50,
    });
  });

  it("filters 20,000 streams without sorting them again", () => {
    const big = indexStreams(
      Array.from({ length: 20_000 }, (_, i) => stream(`stream_${i}`, i % 5000, `d${i % 3}.example.com`)),
    );
    // The index sorts once; a query only walks the order it already holds. A spy that calls through counts sorts.
    const sorts = vi.spyOn(Array.prototype, "sort");
    let slice: ReturnType<typeof selectStreams>;
    try {
      slice = selectStreams(big, q({ q: "stream_1", domain: "d1.example.com", sort: "age-asc" }));
      expect(sorts).not.toHaveBeenCalled();
    } finally {
      sorts.mockRestore();
    }
    expect(slice.matched).toBeGreaterThan(0);
    expect(slice.rows.every((r) => r.streamName.includes("stream_1") && r.domainName === "d1.example.com")).toBe(true);
    // The rows are the index's own entries, in the index's order: a filtered walk, not a re-sorted copy.
    const positions = slice.rows.map((r) => big.ageAsc.indexOf(r));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });
});

describe("running task counts", () => {
  const rows = [
    { domainName: "a.example.com", appName: "live", streamName: "cam" },
    { domainName: "b.example.com", appName: "live", streamName: "cam" },
  ];
  it("counts a task for its exact stream, and a task registered without a domain for every stream of that name", () => {
    expect(
      runningTasksFor(
        rows,
        new Map([
          ["a.example.com/live/cam", 2],
          ["/live/cam", 1],
          ["a.example.com/other/cam", 5],
          ["a.example.com/live/stage", 7],
        ]),
      ),
    ).toEqual([3, 1]);
  });
});
