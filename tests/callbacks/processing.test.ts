import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { callbackEvents, recordingFiles, recordStatusEvents } from "@/lib/db/schema/callbacks";
import { recordingTasks } from "@/lib/db/schema/tasks";
import type { OpenDatabase } from "@/lib/db/types";
import { createCallbackQueue, type CallbackQueue } from "@/lib/callbacks/queue";
import { receiveCallback, type ReceiveDeps } from "@/lib/callbacks/receive";
import { dedupKey } from "@/lib/callbacks/envelope";
import { createEventStore } from "@/lib/callbacks/store";
import { drivers, openTestDb } from "../helpers/test-db";
import { KEY, NOW, post, recordFileBody, recordStatusBody, signed, streamBody } from "./fixtures";

describe.each(drivers)("what callbacks change, on %s", (driver) => {
  let open: OpenDatabase;
  let queue: CallbackQueue;
  let deps: ReceiveDeps;
  let streamChanges = 0;
  beforeAll(async () => {
    open = await openTestDb(driver);
    queue = createCallbackQueue({ getDb: async () => open.db, streamsChanged: () => streamChanges++ });
    deps = {
      key: KEY,
      store: createEventStore(async () => open.db),
      onStored: () => queue.notify(),
      nowSeconds: () => NOW,
    };
  });
  afterAll(async () => {
    queue.stop();
    await open?.close();
  });

  async function deliver(body: Record<string, unknown>) {
    expect((await receiveCallback(post(signed(body)), deps)).status).toBe(200);
    await queue.idle();
  }

  it("keeps a record file with its stream, task, format, times, duration, size and video_url", async () => {
    const body = recordFileBody({ task_id: "1-xyz", file_format: "flv" });
    await deliver(body);
    const [file] = await open.db
      .select()
      .from(recordingFiles)
      .where(eq(recordingFiles.fileId, String(body.file_id)));
    expect(file).toMatchObject({
      domainName: "push.example.com",
      appName: "live",
      streamName: "stream-a",
      taskId: "1-xyz",
      fileFormat: "FLV",
      durationSeconds: 3000,
      fileSize: 123_456_789,
      videoUrl: body.video_url,
    });
    expect(file!.startTime.getTime()).toBe((NOW - 3600) * 1000);
    expect(file!.endTime.getTime()).toBe((NOW - 600) * 1000);
    const [event] = await open.db.select().from(callbackEvents).where(eq(callbackEvents.id, file!.eventId));
    expect(event!.processedAt).not.toBeNull();
    expect(event!.processError).toBeNull();
  });

  it("lists a file once even when its callback is retried many times", async () => {
    const body = recordFileBody();
    for (let i = 0; i < 5; i++) await deliver(body);
    const rows = await open.db
      .select()
      .from(recordingFiles)
      .where(eq(recordingFiles.fileId, String(body.file_id)));
    expect(rows).toHaveLength(1);
  });

  it("moves a known task to failed on record_error, with its time, and to stopped on record_ended", async () => {
    await open.db
      .insert(recordingTasks)
      .values({ taskId: "1-task-332", streamName: "stream-a", state: "recording", source: "registered" });
    await deliver(recordStatusBody("record_start_succeeded", { task_id: "1-task-332", event_time: NOW - 300 }));
    let [task] = await open.db.select().from(recordingTasks).where(eq(recordingTasks.taskId, "1-task-332"));
    expect(task!.state).toBe("recording");

    await deliver(recordStatusBody("record_error", { task_id: "1-task-332", event_time: NOW - 200 }));
    [task] = await open.db.select().from(recordingTasks).where(eq(recordingTasks.taskId, "1-task-332"));
    expect(task).toMatchObject({
      state: "failed",
      lastOk: "error",
      lastErrorCode: "record_error",
      lastAction: "callback",
    });
    expect(task!.lastActionAt!.getTime()).toBe((NOW - 200) * 1000);
    const failures = await open.db.select().from(recordStatusEvents).where(eq(recordStatusEvents.taskId, "1-task-332"));
    expect(failures.map((f) => f.recordEvent).sort()).toEqual(["record_error", "record_start_succeeded"]);

    // An older event arriving late (a retry) is kept but does not move the task back.
    await deliver(recordStatusBody("record_start_succeeded", { task_id: "1-task-332", event_time: NOW - 250 }));
    [task] = await open.db.select().from(recordingTasks).where(eq(recordingTasks.taskId, "1-task-332"));
    expect(task!.state).toBe("failed");

    await deliver(recordStatusBody("record_ended", { task_id: "1-task-332", event_time: NOW - 100 }));
    [task] = await open.db.select().from(recordingTasks).where(eq(recordingTasks.taskId, "1-task-332"));
    expect(task!.state).toBe("stopped");
    expect(task!.stoppedAt!.getTime()).toBe((NOW - 100) * 1000);
  });

  it("keeps a record status for an unknown task without touching any task", async () => {
    await deliver(recordStatusBody("record_start_failed", { task_id: "no-such-task", stream_id: "stream-z" }));
    const [status] = await open.db
      .select()
      .from(recordStatusEvents)
      .where(eq(recordStatusEvents.streamName, "stream-z"));
    expect(status).toMatchObject({ recordEvent: "record_start_failed", errorText: "record_start_failed" });
  });

  it("tells the streams view at once when a stream begins or ends", async () => {
    const before = streamChanges;
    await deliver(streamBody(1));
    await deliver(streamBody(0));
    expect(streamChanges).toBe(before + 2);
  });

  it("marks an unknown event processed and changes nothing", async () => {
    await deliver({ event_type: 201, appid: 1, stream_id: "snap" });
    const [row] = await open.db.select().from(callbackEvents).where(eq(callbackEvents.eventType, 201));
    expect(row!.processedAt).not.toBeNull();
    expect(row!.processError).toBeNull();
  });

  it("after a crash between storing and processing, start-up processes what was left", async () => {
    const body = recordFileBody({ stream_id: "after-crash" });
    // Stored as the endpoint would, but the process died before processing it.
    await open.db
      .insert(callbackEvents)
      .values({ dedupKey: dedupKey(body), eventType: 100, rawBody: JSON.stringify(signed(body)) });
    const restarted = createCallbackQueue({ getDb: async () => open.db, streamsChanged: () => {} });
    restarted.start();
    await restarted.idle();
    restarted.stop();
    const files = await open.db.select().from(recordingFiles).where(eq(recordingFiles.streamName, "after-crash"));
    expect(files).toHaveLength(1);
  });
});
