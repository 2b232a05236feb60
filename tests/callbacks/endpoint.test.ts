import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { callbackEvents } from "@/lib/db/schema/callbacks";
import type { OpenDatabase } from "@/lib/db/types";
import { receiveCallback, type ReceiveDeps } from "@/lib/callbacks/receive";
import { callbackRefusalCounts } from "@/lib/callbacks/refusals";
import { createEventStore } from "@/lib/callbacks/store";
import { drivers, openTestDb } from "../helpers/test-db";
import { KEY, NOW, post, recordFileBody, signed, streamBody } from "./fixtures";

describe.each(drivers)("POST /api/callbacks/live on %s", (driver) => {
  let open: OpenDatabase;
  const stored: number[] = [];
  let deps: ReceiveDeps;
  beforeAll(async () => {
    open = await openTestDb(driver);
    deps = {
      key: KEY,
      store: createEventStore(async () => open.db),
      onStored: (id) => stored.push(id),
      nowSeconds: () => NOW,
    };
  });
  afterAll(async () => open?.close());

  const count = async () => (await open.db.select({ n: sql<number>`count(*)::int` }).from(callbackEvents))[0]!.n;

  it("accepts a correctly signed record-file callback: 200 {code:0}, stored once, handed to processing", async () => {
    const before = stored.length;
    const res = await receiveCallback(post(signed(recordFileBody())), deps);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ code: 0 });
    expect(stored.length).toBe(before + 1);
    const [row] = await open.db
      .select()
      .from(callbackEvents)
      .where(eq(callbackEvents.id, stored.at(-1)!));
    expect(row).toMatchObject({ eventType: 100, deliveries: 1, processedAt: null });
    expect(JSON.parse(row!.rawBody)).toMatchObject({ event_type: 100 });
  });

  it("refuses a signature made with another key: 401, nothing stored", async () => {
    const before = await count();
    const res = await receiveCallback(post(signed(recordFileBody(), { key: "someone-else" })), deps);
    expect(res.status).toBe(401);
    expect(await count()).toBe(before);
  });

  it("refuses an expired signature (t has passed) and one implausibly far ahead: 401", async () => {
    const before = await count();
    const refusedBefore = callbackRefusalCounts();
    expect((await receiveCallback(post(signed(recordFileBody(), { t: NOW - 1 })), deps)).status).toBe(401);
    expect((await receiveCallback(post(signed(recordFileBody(), { t: NOW + 2 * 3600 })), deps)).status).toBe(401);
    expect(await count()).toBe(before);
    const refused = callbackRefusalCounts();
    expect(refused.expired).toBe((refusedBefore.expired ?? 0) + 1);
    expect(refused["too-far-ahead"]).toBe((refusedBefore["too-far-ahead"] ?? 0) + 1);
  });

  it("stores a replayed callback once and still answers 200; once t has passed the replay is refused", async () => {
    const body = signed(streamBody(1));
    const first = stored.length;
    for (let i = 0; i < 3; i++) expect((await receiveCallback(post(body), deps)).status).toBe(200);
    expect(stored.length).toBe(first + 1); // processed once
    const [row] = await open.db
      .select()
      .from(callbackEvents)
      .where(eq(callbackEvents.id, stored.at(-1)!));
    expect(row!.deliveries).toBe(3);
    const late = await receiveCallback(post(body), { ...deps, nowSeconds: () => NOW + 601 });
    expect(late.status).toBe(401);
  });

  it("keeps one row when Tencent retries the same event, re-signed, many times at once", async () => {
    const event = recordFileBody();
    const before = await count();
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => receiveCallback(post(signed(event, { t: NOW + 600 + i })), deps)),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(12).fill(200));
    expect(await count()).toBe(before + 1);
    const [row] = await open.db
      .select()
      .from(callbackEvents)
      .orderBy(sql`${callbackEvents.id} desc`)
      .limit(1);
    expect(row!.deliveries).toBe(12);
  });

  it("stores an unknown event_type (and answers 200)", async () => {
    const res = await receiveCallback(post(signed({ event_type: 200, appid: 1, stream_id: "x" })), deps);
    expect(res.status).toBe(200);
    const [row] = await open.db.select().from(callbackEvents).where(eq(callbackEvents.eventType, 200));
    expect(row).toBeDefined();
  });

  it("answers 400 to a malformed body: not JSON, no signature, or a signed body that is not its event's shape", async () => {
    const before = await count();
    expect((await receiveCallback(post("{not json"), deps)).status).toBe(400);
    expect((await receiveCallback(post("[1,2]"), deps)).status).toBe(400);
    expect((await receiveCallback(post({ ...recordFileBody(), t: NOW + 600 }), deps)).status).toBe(400);
    const noFileId = recordFileBody();
    delete noFileId.file_id;
    expect((await receiveCallback(post(signed(noFileId)), deps)).status).toBe(400);
    expect(await count()).toBe(before);
  });

  it("answers 413 to a body over 64 KB, whether or not Content-Length says so", async () => {
    const big = JSON.stringify(signed({ ...recordFileBody(), callback_ext: "x".repeat(70 * 1024) }));
    expect((await receiveCallback(post(big), deps)).status).toBe(413);
    // A chunked body with no Content-Length: the cap applies while reading.
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 80; i++) controller.enqueue(new Uint8Array(1024).fill(32));
        controller.close();
      },
    });
    const streamed = new Request("http://localhost/api/callbacks/live", {
      method: "POST",
      body: chunks,
      duplex: "half",
    } as RequestInit);
    expect(streamed.headers.get("content-length")).toBeNull();
    expect((await receiveCallback(streamed, deps)).status).toBe(413);
  });

  it("answers 404 when no callback key is configured (the endpoint is off)", async () => {
    const before = await count();
    expect((await receiveCallback(post(signed(recordFileBody())), { ...deps, key: null })).status).toBe(404);
    expect(await count()).toBe(before);
  });

  it("answers 503 when the event cannot be stored, so that Tencent retries", async () => {
    const res = await receiveCallback(post(signed(recordFileBody())), {
      ...deps,
      store: createEventStore(async () => {
        throw new Error("database unavailable");
      }),
    });
    expect(res.status).toBe(503);
  });
});
