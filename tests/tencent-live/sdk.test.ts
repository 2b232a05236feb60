import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CommonClient } from "tencentcloud-sdk-nodejs-common";
import type { Simulator } from "@/lib/tencent-live/simulator";
import { dateToCst } from "@/lib/tencent-live/validation";
import { clientFor, simulator } from "./helpers";

const inHours = (h: number) => dateToCst(new Date(Date.now() + h * 3600_000));

describe("the official SDK, configured as its README shows, talks to the simulator", () => {
  let sim: Simulator;
  const savedProxy = process.env.http_proxy;
  beforeAll(async () => {
    delete process.env.http_proxy; // the SDK silently routes through http_proxy, even to loopback
    sim = await simulator({ tasks: 0, taskIdBase: "9007199254740993", sessionToken: "sts-token" });
  });
  afterAll(async () => {
    if (savedProxy !== undefined) process.env.http_proxy = savedProxy;
    await sim.close();
  });

  const sdk = (secretKey = sim.secretKey, agent?: http.Agent, endpoint = `127.0.0.1:${sim.port}`) =>
    new CommonClient("live.tencentcloudapi.com", "2018-08-01", {
      credential: { secretId: sim.secretId, secretKey, token: sim.sessionToken },
      region: "",
      profile: { httpProfile: { endpoint, protocol: "http://", reqTimeout: 5, agent } },
    });

  it("reads domains and stops a task sent as a BigInt (service scope '127', as the SDK signs it)", async () => {
    const domains = (await sdk().request("DescribeLiveDomains", {})) as { AllCount: number; RequestId: string };
    expect(domains.AllCount).toBe(4);
    const created = await clientFor(sim).createLiveRecord({
      streamName: "sdk_room",
      startTime: inHours(1),
      endTime: inHours(2),
    });
    expect(created).toMatchObject({ ok: true, data: { taskId: "9007199254740993" } });
    const stopped = (await sdk().request("StopLiveRecord", { StreamName: "sdk_room", TaskId: 9007199254740993n })) as {
      RequestId: string;
    };
    expect(stopped.RequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sim.listTasks().find((t) => t.taskId === "9007199254740993")!.state).toBe("stopped");
  });

  it("signs with the real 'live' scope when the real host name is routed to loopback", async () => {
    const agent = new http.Agent({
      lookup: ((_h: string, o: { all?: boolean }, cb: (...a: unknown[]) => void) =>
        o?.all
          ? cb(null, [{ address: "127.0.0.1", family: 4 }])
          : cb(null, "127.0.0.1", 4)) as unknown as http.AgentOptions["lookup"],
    });
    const r = (await sdk(sim.secretKey, agent, `live.tencentcloudapi.com:${sim.port}`).request("DescribeLiveDomains", {
      DomainType: 1,
    })) as { AllCount: number };
    expect(r.AllCount).toBe(1);
  });

  it("gets Tencent-style errors from the simulator (code, message, RequestId)", async () => {
    await expect(sdk("wrong").request("DescribeLiveDomains", {})).rejects.toMatchObject({
      code: "AuthFailure.SignatureFailure",
      requestId: expect.any(String),
    });
    await expect(sdk().request("StopLiveRecord", { StreamName: "x", TaskId: 1 })).rejects.toMatchObject({
      code: "ResourceNotFound.TaskId",
    });
  });

  it("loses TaskId digits above 2^53 where our client does not (why RecDesk does not use it for transport)", async () => {
    // Burn the even id 9007199254740994 (exactly representable as a double) so the SDK gets an odd one.
    await clientFor(sim).createLiveRecord({ streamName: "sdk_room", startTime: inHours(1), endTime: inHours(2) });
    const viaSdk = (await sdk().request("CreateLiveRecord", {
      StreamName: "sdk_room",
      StartTime: inHours(1),
      EndTime: inHours(2),
    })) as { TaskId: number };
    const exact = sim.listTasks().at(-1)!.taskId;
    expect(exact).toBe("9007199254740995");
    expect(String(viaSdk.TaskId)).not.toBe(exact);
  });
});
