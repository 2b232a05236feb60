import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { explainLiveError } from "@/lib/tencent-live/errors";
import { startSimulator, type Simulator } from "@/lib/tencent-live/simulator";
import { dateToCst } from "@/lib/tencent-live/validation";
import { clientFor, errorCode, rawCall, simulator } from "./helpers";

const inHours = (h: number) => dateToCst(new Date(Date.now() + h * 3600_000));

describe("simulator: authentication like Tencent Cloud", () => {
  let sim: Simulator;
  let tokenSim: Simulator;
  beforeAll(async () => {
    sim = await simulator();
    tokenSim = await simulator({ sessionToken: "sts-token" });
  });
  afterAll(async () => {
    await sim.close();
    await tokenSim.close();
  });

  it("accepts a correctly signed request, with a fresh RequestId every time", async () => {
    const a = await rawCall(sim);
    const b = await rawCall(sim);
    expect(a.status).toBe(200);
    expect(a.json.Response.Error).toBeUndefined();
    expect(a.json.Response.RequestId).not.toBe(b.json.Response.RequestId);
  });

  it("answers every auth failure with HTTP 200 and the right AuthFailure code", async () => {
    expect(await errorCode(sim, { secretId: "AKIDunknown" })).toBe("AuthFailure.SecretIdNotFound");
    expect(await errorCode(sim, { secretKey: "wrong-key" })).toBe("AuthFailure.SignatureFailure");
    expect(await errorCode(sim, { body: '{"PageSize":20}', signedBody: '{"PageSize":10}' })).toBe(
      "AuthFailure.SignatureFailure",
    );
    expect(await errorCode(sim, { extraSigned: { "x-tc-foo": "bar" }, dropHeaders: ["x-tc-foo"] })).toBe(
      "AuthFailure.SignatureFailure",
    );
    expect(await errorCode(sim, { service: "cvm" })).toBe("AuthFailure.SignatureFailure");
    expect(await errorCode(sim, { timestamp: Math.floor(Date.now() / 1000) - 301 })).toBe(
      "AuthFailure.SignatureExpire",
    );
    expect(await errorCode(sim, { timestamp: Math.floor(Date.now() / 1000) + 400 })).toBe(
      "AuthFailure.SignatureExpire",
    );
    expect(await errorCode(sim, { authorization: null })).toBe("AuthFailure.InvalidAuthorization");
    expect(await errorCode(sim, { authorization: "TC3-HMAC-SHA256 Credential=AKID, Signature=abc" })).toBe(
      "AuthFailure.InvalidAuthorization",
    );
    expect(await errorCode(tokenSim, { token: "wrong" })).toBe("AuthFailure.TokenFailure");
    expect(await errorCode(sim, { token: "unexpected" })).toBe("AuthFailure.TokenFailure");
    const r = await rawCall(sim, { secretKey: "wrong-key" });
    expect(r.status).toBe(200);
    expect(r.json.Response.RequestId).toBeTruthy();
  });

  it("accepts the host's first label as service, and a signature that also covers x-tc-action", async () => {
    expect(await errorCode(sim, { service: "127" })).toBeUndefined();
    expect(await errorCode(sim, { extraSigned: { "x-tc-action": "DescribeLiveDomains" } })).toBeUndefined();
    expect(await errorCode(tokenSim, { token: "sts-token" })).toBeUndefined();
  });

  it("surfaces an auth failure through the client as an account-level api error", async () => {
    const r = await clientFor(sim, { secretKey: "wrong" }).describeLiveDomains();
    expect(r).toMatchObject({ ok: false, kind: "api", code: "AuthFailure.SignatureFailure", attempts: 1 });
    expect(explainLiveError(r.ok ? "" : r.code).accountLevel).toBe(true);
  });
});

describe("simulator: actions, versions and parameters", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await simulator();
  });
  afterAll(() => sim.close());

  it("rejects unknown actions and versions", async () => {
    expect(await errorCode(sim, { action: "StopRecordTaskX" })).toBe("InvalidAction");
    expect(await errorCode(sim, { version: "2017-01-01" })).toBe("NoSuchVersion");
    expect(await errorCode(sim, { version: null })).toBe("MissingParameter");
  });

  it("checks each action's documented parameter names, types and ranges", async () => {
    const stop = (body: string) => errorCode(sim, { action: "StopLiveRecord", body });
    expect(await stop('{"StreamName":"a"}')).toBe("MissingParameter");
    expect(await stop('{"TaskId":1}')).toBe("MissingParameter");
    expect(await stop('{"StreamName":"a","TaskId":"123"}')).toBe("InvalidParameter");
    expect(await stop('{"StreamName":"a","TaskId":1.5}')).toBe("InvalidParameter");
    expect(await stop('{"StreamName":7,"TaskId":1}')).toBe("InvalidParameter");
    expect(await stop('{"StreamName":"a","TaskId":0}')).toBe("InvalidParameterValue");
    expect(await stop('{"StreamName":"a","TaskId":18446744073709551616}')).toBe("InvalidParameterValue");
    expect(await stop('{"StreamName":"a b/c","TaskId":1}')).toBe("InvalidParameterValue");
    expect(await stop('{"StreamName":"a","TaskId":1,"Region":"ap-guangzhou"}')).toBe("UnknownParameter");
    expect(await stop("not json")).toBe("InvalidParameter");
    expect(await stop("[1]")).toBe("InvalidParameter");
    const online = (body: string) => errorCode(sim, { action: "DescribeLiveStreamOnlineList", body });
    expect(await online('{"PageSize":9}')).toBe("InvalidParameterValue");
    expect(await online('{"PageSize":300001}')).toBe("InvalidParameterValue");
    expect(await online('{"PageNum":0}')).toBe("InvalidParameterValue");
    expect(await online('{"PageSize":300000}')).toBeUndefined();
    expect(
      await errorCode(sim, { action: "DescribeLiveStreamState", body: '{"AppName":"live","StreamName":"x"}' }),
    ).toBe("MissingParameter");
    expect(await errorCode(sim, { action: "DescribeLiveDomains", body: '{"PageSize":101}' })).toBe(
      "InvalidParameterValue",
    );
    expect(await errorCode(sim, { action: "DescribeLiveDomains", body: '{"DomainType":2}' })).toBe(
      "InvalidParameterValue",
    );
    const create = (body: string) => errorCode(sim, { action: "CreateLiveRecord", body });
    expect(
      await create(
        '{"StreamName":"s","FileFormat":"avi","StartTime":"2030-01-01 00:00:00","EndTime":"2030-01-01 01:00:00"}',
      ),
    ).toBe("InvalidParameterValue");
    expect(
      await create(
        '{"StreamName":"s","RecordType":"VIDEO","StartTime":"2030-01-01 00:00:00","EndTime":"2030-01-01 01:00:00"}',
      ),
    ).toBeUndefined();
    expect(await create('{"StreamName":"s","Highlight":2}')).toBe("InvalidParameterValue");
  });

  it("answers the legacy recording family's business errors", async () => {
    const client = clientFor(sim);
    const recording = sim.listTasks().find((t) => t.state === "recording")!;
    expect(await client.stopLiveRecord({ streamName: recording.streamName, taskId: "999" })).toMatchObject({
      ok: false,
      code: "ResourceNotFound.TaskId",
      kind: "api",
    });
    // Documented choice: a TaskId paired with another stream's name is "no such task".
    expect(await client.stopLiveRecord({ streamName: "someone_else", taskId: recording.taskId })).toMatchObject({
      ok: false,
      code: "ResourceNotFound.TaskId",
    });
    expect(sim.listTasks().find((t) => t.taskId === recording.taskId)!.state).toBe("recording");
    expect(await client.deleteLiveRecord({ streamName: recording.streamName, taskId: recording.taskId })).toMatchObject(
      { ok: false, code: "FailedOperation.AlterTaskState" },
    );
    expect(await client.createLiveRecord({ streamName: "not_live_now", highlight: 1 })).toMatchObject({
      ok: false,
      code: "ResourceUnavailable.StreamNotExist",
    });
    expect(await client.createLiveRecord({ streamName: "s", endTime: inHours(1) })).toMatchObject({
      ok: false,
      code: "MissingParameter",
    });
    expect(
      await client.createLiveRecord({ streamName: "s", startTime: inHours(2), endTime: inHours(1) }),
    ).toMatchObject({ ok: false, code: "InvalidParameterValue" });
    expect(
      await client.createLiveRecord({ streamName: "s", startTime: inHours(-3), endTime: inHours(-2) }),
    ).toMatchObject({ ok: false, code: "InvalidParameterValue" });
    expect(
      await client.createLiveRecord({ streamName: "s", startTime: "2030-02-30 00:00:00", endTime: inHours(2) }),
    ).toMatchObject({ ok: false, code: "InvalidParameterValue" });
    expect(
      await client.createLiveRecord({
        streamName: "s",
        domainName: "unknown.example.com",
        startTime: inHours(1),
        endTime: inHours(2),
      }),
    ).toMatchObject({ ok: false, code: "InvalidParameterValue" });
  });

  it("passes every injected error code, account states included, through the client as kind api", async () => {
    const client = clientFor(sim);
    const task = sim.listTasks().find((t) => t.state === "recording")!;
    const codes = [
      "ResourceNotFound.ForbidService",
      "ResourceNotFound.FreezeService",
      "ResourceNotFound.StopService",
      "ResourceNotFound.UserDisableService",
      "ResourceNotFound.ChannelNotExist",
      "InternalError",
      "InternalError.GetConfigError",
      "InternalError.NetworkError",
      "InvalidParameter",
      "InvalidParameterValue",
      "MissingParameter",
      "ResourceNotFound.TaskId",
    ];
    for (const code of codes) {
      sim.inject({ action: "StopLiveRecord", mode: "error", code, message: `because ${code}` });
      const r = await client.stopLiveRecord({ streamName: task.streamName, taskId: task.taskId });
      expect(r).toMatchObject({ ok: false, code, message: `because ${code}`, kind: "api", attempts: 1 });
      expect(r.ok ? undefined : r.requestId).toBeTruthy();
      expect(explainLiveError(code).accountLevel).toBe(code.endsWith("Service"));
    }
    expect((await client.stopLiveRecord({ streamName: task.streamName, taskId: task.taskId })).ok).toBe(true);
  });
});

describe("simulator: seeding", () => {
  it("is deterministic for a seed and different for another", async () => {
    const [a, b, c] = await Promise.all([
      startSimulator({ seed: 7, streams: 50, tasks: 30 }),
      startSimulator({ seed: 7, streams: 50, tasks: 30 }),
      startSimulator({ seed: 8, streams: 50, tasks: 30 }),
    ]);
    try {
      const shape = (s: Simulator) => s.listTasks().map((t) => [t.taskId, t.streamName, t.state, t.fileFormat]);
      expect(shape(a)).toEqual(shape(b));
      expect(shape(a)).not.toEqual(shape(c));
      const states = new Set(a.listTasks().map((t) => t.state));
      expect(states).toEqual(new Set(["scheduled", "recording", "stopped"]));
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it("seeds 20,000 online streams and 5,000 tasks with a realistic mix, and pages through them", async () => {
    const sim = await startSimulator({ seed: 3, streams: 20_000, tasks: 5_000 });
    try {
      const tasks = sim.listTasks();
      expect(tasks).toHaveLength(5_000);
      const days = (t: { startTime: string }) => (Date.now() - Date.parse(t.startTime)) / 86_400_000;
      const recording = tasks.filter((t) => t.state === "recording");
      expect(recording.some((t) => days(t) < 1 / 24)).toBe(true); // minutes
      expect(recording.some((t) => days(t) > 1)).toBe(true); // days
      expect(tasks.filter((t) => t.state === "scheduled").length).toBeGreaterThan(500);
      expect(tasks.filter((t) => t.state === "stopped").length).toBeGreaterThan(500);
      const r = await clientFor(sim).describeLiveStreamOnlineList({ pageSize: 300_000 });
      expect(r.ok && r.data.totalNum).toBe(20_000);
      const names = new Set(r.ok ? r.data.streams.map((s) => `${s.domainName}/${s.appName}/${s.streamName}`) : []);
      expect(tasks.every((t) => names.has(`${t.domainName}/${t.appName}/${t.streamName}`))).toBe(true);
    } finally {
      await sim.close();
    }
  });
});
