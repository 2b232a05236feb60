import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordingTasks } from "@/lib/db/schema/tasks";
import type { OpenDatabase } from "@/lib/db/types";
import { countRunningTasksByStream } from "@/lib/tasks/counts";
import { drivers, openTestDb } from "../helpers/test-db";

describe.each(drivers)("running tasks per stream on %s", (driver) => {
  let open: OpenDatabase;
  beforeAll(async () => {
    open = await openTestDb(driver);
    const task = (taskId: string, streamName: string, state: "recording" | "stopping" | "stopped" | "scheduled", domainName = "push.example.com") =>
      ({ taskId, streamName, state, domainName, appName: "live", source: "seeded" as const });
    await open.db.insert(recordingTasks).values([
      task("1", "cam", "recording"),
      task("2", "cam", "stopping"),
      task("3", "cam", "stopped"),
      task("4", "cam", "scheduled"),
      task("5", "cam", "recording", ""),
      task("6", "stage", "recording"),
    ]);
  });
  afterAll(() => open?.close());

  it("counts recording and stopping tasks, grouped by domain/app/stream, for the streams asked about", async () => {
    const counts = await countRunningTasksByStream(open.db, ["cam"]);
    expect(counts.sort((a, b) => a.domainName.localeCompare(b.domainName))).toEqual([
      { domainName: "", appName: "live", streamName: "cam", running: 1 },
      { domainName: "push.example.com", appName: "live", streamName: "cam", running: 2 },
    ]);
    expect(await countRunningTasksByStream(open.db, [])).toEqual([]);
    expect((await countRunningTasksByStream(open.db)).reduce((n, c) => n + c.running, 0)).toBe(4);
  });
});
