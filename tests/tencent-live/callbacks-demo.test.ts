import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CALLBACK_KEY } from "@/lib/callbacks/demo-key";
import { callbackSign, parseLiveCallback } from "@/lib/tencent-live/callback-types";
import { demoCallbacks } from "@/lib/tencent-live/demo-simulator";
import type { Simulator } from "@/lib/tencent-live/simulator";
import { clientFor, simulator } from "./helpers";

// Demo mode: the simulator calls RecDesk's own endpoint with the demo key, so a Stop yields a file callback.

let sim: Simulator;
let server: http.Server;
const received: { path: string; body: Record<string, unknown> }[] = [];

beforeAll(async () => {
  sim = await simulator({ callbackRetryMs: 20 });
  server = http.createServer((req, res) => {
    let text = "";
    req.on("data", (c: Buffer) => (text += c.toString("utf8")));
    req.on("end", () => {
      received.push({ path: req.url ?? "", body: JSON.parse(text) as Record<string, unknown> });
      res.writeHead(200, { "Content-Type": "application/json" }).end('{"code":0}');
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
});
afterAll(async () => {
  await sim.close();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe("demo mode callbacks", () => {
  it("binds nothing when the server's port is unknown", () => {
    expect(demoCallbacks(undefined)).toBeUndefined();
    expect(demoCallbacks("0")).toBeUndefined();
  });

  it("sends the file of a stopped task to RecDesk's endpoint, signed with the demo key", async () => {
    const port = String((server.address() as AddressInfo).port);
    const target = demoCallbacks(port)!;
    expect(target.url).toBe(`http://127.0.0.1:${port}/api/callbacks/live`);
    sim.bindCallbacks(target);
    const task = sim.listTasks().find((t) => t.state === "recording")!;
    const stopped = await clientFor(sim).stopLiveRecord({ streamName: task.streamName, taskId: task.taskId });
    expect(stopped.ok).toBe(true);

    const deadline = Date.now() + 15_000;
    while (!received.some((r) => r.body.event_type === 100) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    const file = received.find((r) => r.body.event_type === 100)!;
    expect(file.path).toBe("/api/callbacks/live");
    expect(file.body.sign).toBe(callbackSign(DEMO_CALLBACK_KEY, file.body.t as number));
    expect(file.body).toMatchObject({ stream_id: task.streamName, app: task.domainName, appname: task.appName });
    expect(parseLiveCallback(file.body).ok).toBe(true);
  });
});
