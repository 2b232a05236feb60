import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { callbackEvents, recordingFiles, recordStatusEvents } from "@/lib/db/schema/callbacks";
import { recordingTasks } from "@/lib/db/schema/tasks";
import type { Database, OpenDatabase } from "@/lib/db/types";
import { createCallbackQueue, type CallbackQueue } from "@/lib/callbacks/queue";
import { receiveCallback } from "@/lib/callbacks/receive";
import { createEventStore } from "@/lib/callbacks/store";
import { recordingsOfTasks } from "@/lib/recordings/queries";
import type { Simulator } from "@/lib/tencent-live/simulator";
import { drivers, openTestDb } from "../helpers/test-db";
import { rawCall, simulator } from "../tencent-live/helpers";

// The whole path over HTTP: the simulator sends real, signed callbacks (with Tencent's retries, shortened) to
// RecDesk's receiver on a local port, which stores and processes them into the database.

const KEY = "sim-callback-key";

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(drivers)("callbacks from the simulator, received over HTTP, on %s", (driver) => {
  let open: OpenDatabase;
  let sim: Simulator;
  let server: http.Server;
  let queue: CallbackQueue;
  let domain: string;
  let streamChanges = 0;
  /** The receiver answers 503 (as when the database is down) while this is above zero. */
  let failStores = 0;
  const statuses: number[] = [];

  beforeAll(async () => {
    open = await openTestDb(driver);
    queue = createCallbackQueue({ getDb: async () => open.db, streamsChanged: () => streamChanges++ });
    const getDb = async (): Promise<Database> => {
      if (failStores > 0) {
        failStores--;
        throw new Error("database unavailable");
      }
      return open.db;
    };
    const store = createEventStore(getDb);
    server = http.createServer((req, res) => {
      const request = new Request(`http://127.0.0.1${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
        duplex: "half",
      } as RequestInit);
      void receiveCallback(request, { key: KEY, store, onStored: () => queue.notify() }).then(async (answer) => {
        statuses.push(answer.status);
        res.writeHead(answer.status, { "Content-Type": "application/json" });
        res.end(await answer.text());
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    sim = await simulator({ callbackRetryMs: 50 });
    sim.bindCallbacks({
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/callbacks/live`,
      key: KEY,
    });
    const domains = await rawCall(sim, { action: "DescribeLiveDomains", body: '{"DomainType":0}' });
    domain = (domains.json.Response.DomainList as { Name: string }[])[0]!.Name;
  });
  afterAll(async () => {
    queue?.stop();
    await sim?.close();
    server?.closeAllConnections();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    await queue?.idle();
    await open?.close();
  });

  it("a Stop is followed by the recording's file, stored with its stream and shown under its task", async () => {
    const stream = `cb_${driver}_stop`;
    sim.setStreamOnline({ streamName: stream, domainName: domain, online: true });
    const created = await rawCall(sim, {
      action: "CreateLiveRecord",
      body: JSON.stringify({
        StreamName: stream,
        DomainName: domain,
        AppName: "live",
        Highlight: 1,
        FileFormat: "mp4",
      }),
    });
    const taskId = /"TaskId":\s*(\d+)/.exec(created.text)![1]!;
    await open.db.insert(recordingTasks).values({
      taskId,
      streamName: stream,
      domainName: domain,
      appName: "live",
      state: "recording",
      source: "created",
      startTime: new Date(Date.now() - 1_000),
    });

    await rawCall(sim, { action: "StopLiveRecord", body: `{"StreamName":"${stream}","TaskId":${taskId}}` });
    const [file] = await until("the record file", async () => {
      await queue.idle();
      const rows = await open.db.select().from(recordingFiles).where(eq(recordingFiles.streamName, stream));
      return rows.length ? rows : undefined;
    });
    expect(file).toMatchObject({ domainName: domain, appName: "live", fileFormat: "MP4", taskId: null });
    expect(file!.videoUrl).toMatch(/^https:\/\/.+\.mp4$/);
    expect(file!.fileSize).toBeGreaterThan(0);

    // A legacy task's file has no task_id (Tencent sends it for RecordTasks only): it is matched by stream and time.
    const byTask = await recordingsOfTasks(open.db, [taskId]);
    expect(byTask[taskId]?.map((r) => r.fileId)).toEqual([file!.fileId]);
    // Its record status carries no task_id either: it is kept for the stream, and the task's state is RecDesk's own Stop's.
    await until("record_ended for the stream", async () => {
      await queue.idle();
      const rows = await open.db.select().from(recordStatusEvents).where(eq(recordStatusEvents.streamName, stream));
      return rows.some((r) => r.recordEvent === "record_ended" && r.taskId === null);
    });
  });

  it("stream begin and end reach the streams view", async () => {
    const before = streamChanges;
    sim.setStreamOnline({ streamName: `cb_${driver}_push`, domainName: domain, online: true });
    sim.setStreamOnline({ streamName: `cb_${driver}_push`, domainName: domain, online: false });
    await until("both stream events, processed", async () => {
      await queue.idle();
      const rows = await open.db.select().from(callbackEvents);
      const mine = rows.filter((r) => r.rawBody.includes(`cb_${driver}_push`) && r.processedAt);
      return mine.length === 2 && streamChanges > before;
    });
  });

  it("when the database is briefly down, Tencent's retries get the file stored, once", async () => {
    const stream = `cb_${driver}_retry`;
    sim.setStreamOnline({ streamName: stream, domainName: domain, online: true });
    const created = await rawCall(sim, {
      action: "CreateLiveRecord",
      body: JSON.stringify({
        StreamName: stream,
        DomainName: domain,
        AppName: "live",
        Highlight: 1,
        FileFormat: "flv",
      }),
    });
    const taskId = /"TaskId":\s*(\d+)/.exec(created.text)![1]!;
    await until("the start callback", async () => {
      await queue.idle();
      const rows = await open.db.select().from(callbackEvents).where(eq(callbackEvents.eventType, 332));
      return rows.some((r) => r.rawBody.includes(stream));
    });
    failStores = 4; // record_ended and the file both fail twice, then succeed on a retry
    await rawCall(sim, { action: "StopLiveRecord", body: `{"StreamName":"${stream}","TaskId":${taskId}}` });
    const files = await until("the record file after retries", async () => {
      await queue.idle();
      const rows = await open.db.select().from(recordingFiles).where(eq(recordingFiles.streamName, stream));
      return rows.length ? rows : undefined;
    });
    expect(files).toHaveLength(1);
    expect(statuses).toContain(503);
    const deliveries = sim.callbackDeliveries().filter((d) => d.streamName === stream && d.eventType === 100);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]!.attempts).toBeGreaterThan(1);
  });
});
