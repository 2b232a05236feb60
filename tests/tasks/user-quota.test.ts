import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { AuthCheck } from "@/lib/auth/actor";
import type { Database, OpenDatabase } from "@/lib/db/types";
import { loadStreamDetail } from "@/lib/streams/stream-detail";
import { createOnlineStreamCache } from "@/lib/streams/online-cache";
import type { LiveClient } from "@/lib/tencent-live/client";
import { resetUserQuotas, takeUserQuota, USER_QUOTAS } from "@/lib/tencent-live/user-quota";
import { drivers, openTestDb } from "../helpers/test-db";
import { auditFor, insertActors, liveFixture, oncall, support } from "./helpers";

// The Stop by ID action itself, with only the permission gate, the process database, the process client and
// Next's cache swapped: the quota, the audit chain and the simulator behind the client are real.
const state = vi.hoisted(() => ({
  check: null as unknown as AuthCheck,
  db: null as unknown as Database,
  client: null as unknown as LiveClient,
}));
vi.mock("@/lib/auth/require", () => ({ requirePermission: vi.fn(async () => state.check) }));
vi.mock("@/lib/db", () => ({ getDb: async () => state.db }));
vi.mock("@/lib/tencent-live", () => ({ getLiveClient: async () => state.client }));
vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  revalidatePath: () => {},
}));

const taskActions = await import("@/app/(console)/tasks/actions");

const asAuth = (ctx: typeof oncall): AuthCheck => ({
  ok: true,
  actor: {
    userId: ctx.actor.userId!,
    email: ctx.actor.email!,
    name: ctx.actor.email!,
    role: ctx.actor.role as "oncall",
  },
  origin: ctx.origin!,
});

describe("the per-person quota window", () => {
  beforeEach(() => resetUserQuotas());

  it("allows the limit within a minute, refuses the next with when to retry, and counts each person apart", () => {
    const t0 = 1_000_000;
    for (let i = 0; i < USER_QUOTAS["stop-by-id"].limit; i++)
      expect(takeUserQuota("stop-by-id", "u1", t0 + i * 100)).toEqual({ ok: true });
    const refused = takeUserQuota("stop-by-id", "u1", t0 + 10_000);
    expect(refused).toMatchObject({ ok: false, code: "RecDesk.UserRateLimited", retryAfterSeconds: 50 });
    expect(refused.ok || refused.message).toMatch(
      /^You made 30 Stop by ID requests in the last minute.*Try again in 50 s\.$/,
    );
    expect(takeUserQuota("stop-by-id", "u2", t0 + 10_000)).toEqual({ ok: true });
    expect(takeUserQuota("stream-state", "u1", t0 + 10_000)).toEqual({ ok: true });
    // The window slides: a minute after the first call there is room again.
    expect(takeUserQuota("stop-by-id", "u1", t0 + 60_001)).toEqual({ ok: true });
  });
});

describe.each(drivers)("quota on calls that spend Tencent quota (%s)", (driver) => {
  let opened: OpenDatabase;
  let live: Awaited<ReturnType<typeof liveFixture>>;

  beforeAll(async () => {
    live = await liveFixture();
    opened = await openTestDb(driver);
    await insertActors(opened.db);
    state.db = opened.db;
    state.client = live.client;
  });
  afterAll(async () => {
    await opened?.close();
    await live?.sim.close();
  });
  beforeEach(() => resetUserQuotas());

  const form = (fields: Record<string, string>) => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(fields)) fd.set(k, v);
    return fd;
  };

  it("refuses Stop by ID past the person's limit with a clear, audited error and nothing sent; someone else still may", async () => {
    for (let i = 0; i < USER_QUOTAS["stop-by-id"].limit; i++) takeUserQuota("stop-by-id", oncall.actor.userId!);
    state.check = asAuth(oncall);
    const before = live.sim.callCount("StopLiveRecord");
    const typed = { taskId: "4400000001", streamName: "quota_room", reason: "ticket 77" };
    const r = await taskActions.stopByIdAction(null, form(typed));
    expect(r).toMatchObject({
      ok: false,
      code: "RecDesk.UserRateLimited",
      values: typed,
      explanation: { title: "Too many requests from you" },
    });
    expect(r.ok || r.message).toMatch(/You made 30 Stop by ID requests in the last minute/);
    expect(live.sim.callCount("StopLiveRecord")).toBe(before);
    const records = await auditFor(opened.db, "4400000001");
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      action: "task.stop",
      outcome: "denied",
      errorCode: "RecDesk.UserRateLimited",
      actorEmail: oncall.actor.email,
      streamName: "quota_room",
      reason: "ticket 77",
      details: { quota: "stop-by-id" },
    });

    state.check = asAuth(support);
    const other = await taskActions.stopByIdAction(null, form({ ...typed, taskId: "4400000002" }));
    expect(other.ok || other.code).not.toBe("RecDesk.UserRateLimited");
    expect(live.sim.callCount("StopLiveRecord")).toBe(before + 1);
  });

  it("answers the stream page's state with RecDesk.UserRateLimited past the limit, without calling DescribeLiveStreamState", async () => {
    const cache = createOnlineStreamCache({ fetchAll: () => live.client.listAllOnlineStreams(), ttlMs: 60_000 });
    const stream = live.sim.listTasks()[0]!;
    const key = { domainName: stream.domainName, appName: stream.appName, streamName: stream.streamName };
    const deps = {
      db: async () => opened.db,
      client: async () => live.client,
      cache,
      spendStateLookup: () => takeUserQuota("stream-state", "viewer-1"),
    };
    const before = live.sim.callCount("DescribeLiveStreamState");
    for (let i = 0; i < USER_QUOTAS["stream-state"].limit; i++) takeUserQuota("stream-state", "viewer-1");
    const detail = await loadStreamDetail(deps, key);
    expect(detail.state).toMatchObject({
      ok: false,
      code: "RecDesk.UserRateLimited",
      explanation: { title: "Too many requests from you" },
    });
    expect(live.sim.callCount("DescribeLiveStreamState")).toBe(before);
    const fresh = await loadStreamDetail(
      { ...deps, spendStateLookup: () => takeUserQuota("stream-state", "viewer-2") },
      key,
    );
    expect(fresh.state.ok).toBe(true);
    expect(live.sim.callCount("DescribeLiveStreamState")).toBe(before + 1);
  });
});
