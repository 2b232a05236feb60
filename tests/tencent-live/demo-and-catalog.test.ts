import { afterAll, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { ensureDemoSimulator } from "@/lib/tencent-live/demo-simulator";
import { explainLiveError, KNOWN_LIVE_ERROR_CODES } from "@/lib/tencent-live/errors";
import { getLiveClient } from "@/lib/tencent-live";
import {
  AppNameSchema,
  cstToDate,
  DomainNameSchema,
  StreamNameSchema,
  TaskIdSchema,
} from "@/lib/tencent-live/validation";

describe("demo mode: getLiveClient()", () => {
  const saved = { ...process.env };
  afterAll(async () => {
    process.env = saved;
    resetConfigForTests();
    await (await ensureDemoSimulator()).close();
  });

  it("starts the simulator once, talks to it over HTTP, and applies RECDESK_STOP_RATE_LIMIT", async () => {
    for (const k of ["TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY", "TENCENTCLOUD_SESSION_TOKEN", "DATABASE_URL"])
      delete process.env[k];
    Object.assign(process.env, {
      RECDESK_SIMULATOR_PORT: "0",
      RECDESK_SIMULATOR_TASKS: "8",
      RECDESK_SIMULATOR_STREAMS: "20",
      RECDESK_STOP_RATE_LIMIT: "5",
    });
    resetConfigForTests();
    const [a, b] = await Promise.all([getLiveClient(), getLiveClient()]);
    expect(a).toBe(b);
    const sim = await ensureDemoSimulator();
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const tasks = await sim.listTasks();
    expect(tasks).toHaveLength(8);
    expect((await fetch(`${sim.url}/_sim/calls`)).status).toBe(403);
    const results = await Promise.all(
      tasks.map((t) => a.stopLiveRecord({ streamName: t.streamName, taskId: t.taskId })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect((await sim.listTasks()).every((t) => t.state === "stopped")).toBe(true);
    // The rate held: never more than 5 accepted in a second. Transit jitter may still put a 6th call into one of
    // the simulator's calendar seconds; it is refused and retried, never lost.
    const windows = await sim.rateWindows("StopLiveRecord");
    for (const w of windows) expect(w.accepted).toBeLessThanOrEqual(5);
    expect(windows.reduce((n, w) => n + w.accepted, 0)).toBe(8);
    expect(windows.reduce((n, w) => n + w.limited, 0)).toBe(a.stats().retries);
    expect(a.stats().throttledWaits).toBeGreaterThan(0);
  });
});

describe("error catalog", () => {
  it("explains every code from the reference's StopLiveRecord, Create, Delete, OnlineList and common lists", () => {
    const reference = [
      "InternalError",
      "InternalError.GetConfigError",
      "InternalError.NetworkError",
      "InvalidParameter",
      "InvalidParameterValue",
      "MissingParameter",
      "ResourceNotFound.ChannelNotExist",
      "ResourceNotFound.ForbidService",
      "ResourceNotFound.FreezeService",
      "ResourceNotFound.StopService",
      "ResourceNotFound.TaskId",
      "ResourceNotFound.UserDisableService",
      "LimitExceeded.MaximumRunningTask",
      "LimitExceeded.MaximumTask",
      "ResourceUnavailable.InvalidVodStatus",
      "ResourceUnavailable.StreamNotExist",
      "FailedOperation.AlterTaskState",
      "FailedOperation.CallOtherSvrFailed",
      "InternalError.CallOtherSvrError",
      "InternalError.ConfigNotExist",
      "InternalError.GetBizidError",
      "InternalError.GetStreamInfoError",
      "InternalError.GetUpstreamInfoError",
      "InternalError.NotPermmitOperat",
      "InternalError.StreamStatusError",
      "InternalError.UpdateDataError",
      "ResourceNotFound.UserNotExist",
      "FailedOperation",
      "ActionOffline",
      "AuthFailure.InvalidAuthorization",
      "AuthFailure.InvalidSecretId",
      "AuthFailure.MFAFailure",
      "AuthFailure.SecretIdNotFound",
      "AuthFailure.SignatureExpire",
      "AuthFailure.SignatureFailure",
      "AuthFailure.TokenFailure",
      "AuthFailure.UnauthorizedOperation",
      "DryRunOperation",
      "InvalidAction",
      "InvalidRequest",
      "IpInBlacklist",
      "IpNotInWhitelist",
      "LimitExceeded",
      "NoSuchProduct",
      "NoSuchVersion",
      "RequestLimitExceeded",
      "RequestLimitExceeded.GlobalRegionUinLimitExceeded",
      "RequestLimitExceeded.IPLimitExceeded",
      "RequestLimitExceeded.UinLimitExceeded",
      "RequestSizeLimitExceeded",
      "ResourceInUse",
      "ResourceInsufficient",
      "ResourceNotFound",
      "ResourceUnavailable",
      "ResponseSizeLimitExceeded",
      "ServiceUnavailable",
      "UnauthorizedOperation",
      "UnknownParameter",
      "UnsupportedOperation",
      "UnsupportedProtocol",
      "UnsupportedRegion",
    ];
    expect(reference.filter((c) => !KNOWN_LIVE_ERROR_CODES.includes(c))).toEqual([]);
  });

  it("tells the operator that arrears are theirs to fix and that a bulk job must pause", () => {
    const e = explainLiveError("ResourceNotFound.StopService");
    expect(e).toMatchObject({ retryable: false, accountLevel: true });
    expect(e.nextStep).toMatch(/top up/i);
    expect(explainLiveError("RequestLimitExceeded")).toMatchObject({ retryable: true, accountLevel: false });
    expect(explainLiveError("ResourceNotFound.TaskId")).toMatchObject({ retryable: false, accountLevel: false });
  });

  it("still explains codes it has never seen, showing the code and message", () => {
    const sub = explainLiveError("RequestLimitExceeded.SomethingNew", "slow down");
    expect(sub).toMatchObject({ code: "RequestLimitExceeded.SomethingNew", retryable: true });
    expect(sub.meaning).toContain("slow down");
    const unknown = explainLiveError("Weird.Code", "the message");
    expect(unknown.title).toContain("Weird.Code");
    expect(unknown.meaning).toContain("the message");
  });
});

describe("validation", () => {
  it("accepts TaskIds 1..2^64−1 as decimal strings and nothing else", () => {
    for (const ok of ["1", "563241", "9007199254740993", "18446744073709551615"])
      expect(TaskIdSchema.safeParse(ok).success).toBe(true);
    for (const bad of ["0", "01", "-1", "1.0", "1e3", "18446744073709551616", "99999999999999999999", "", "abc"])
      expect(TaskIdSchema.safeParse(bad).success).toBe(false);
  });

  it("checks stream, app and domain names", () => {
    expect(StreamNameSchema.safeParse("room_00042_ab-c.1").success).toBe(true);
    for (const bad of ["", "a b", "a/b", "a?b", "x".repeat(257)])
      expect(StreamNameSchema.safeParse(bad).success).toBe(false);
    expect(AppNameSchema.safeParse("live").success).toBe(true);
    expect(DomainNameSchema.safeParse("5000.livepush.myqcloud.com").success).toBe(true);
    for (const bad of ["localhost", "-a.com", "a..com", "http://a.com"])
      expect(DomainNameSchema.safeParse(bad).success).toBe(false);
  });

  it("reads CreateLiveRecord times as China Standard Time", () => {
    expect(cstToDate("2019-02-26 00:44:25").toISOString()).toBe("2019-02-25T16:44:25.000Z");
    expect(Number.isNaN(cstToDate("2019-02-30 00:00:00").getTime())).toBe(true);
  });
});
