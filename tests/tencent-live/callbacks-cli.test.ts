import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import readline from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCallbackClient } from "@/lib/tencent-live/callback-client";
import type { CallbackDelivery } from "@/lib/tencent-live/simulator";

// `npm run simulator -- --callback-retry-ms N --control` as a user runs it, set up through RecDesk's callback
// client, retrying a receiver that fails once.

const root = path.resolve(import.meta.dirname, "../..");
const CLI = ["--import", "tsx", "lib/tencent-live/simulator/cli.ts"];
const childEnv = { ...process.env, http_proxy: "", HTTP_PROXY: "" };

describe("npm run simulator -- --callback-retry-ms", () => {
  let child: ChildProcess;
  let exited: Promise<number | null>;
  let endpoint: string;
  let rx: http.Server;
  let hits = 0;

  beforeAll(async () => {
    rx = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        hits += 1;
        res.writeHead(hits === 1 ? 502 : 200).end('{"code":0}');
      });
    });
    await new Promise<void>((r) => rx.listen(0, "127.0.0.1", r));
    child = spawn(
      process.execPath,
      [
        ...CLI,
        "--port",
        "0",
        "--secret-id",
        "AKIDcb",
        "--secret-key",
        "cbkey",
        "--control",
        "--callback-retry-ms",
        "40",
      ],
      { cwd: root, env: childEnv, stdio: ["ignore", "pipe", "pipe"] },
    );
    exited = new Promise((resolve) => child.on("close", (code) => resolve(code)));
    endpoint = await new Promise<string>((resolve, reject) => {
      child.once("exit", (code) => reject(new Error(`simulator exited (${code})`)));
      readline.createInterface({ input: child.stdout! }).on("line", (line) => {
        const m = /TENCENTCLOUD_LIVE_ENDPOINT=(\S+)/.exec(line);
        if (m) resolve(m[1]!);
      });
    });
  });
  afterAll(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGKILL");
      await exited;
    }
    rx.closeAllConnections();
    await new Promise((r) => rx.close(r));
  });

  it("retries at the given interval until the receiver answers 200", async () => {
    const client = createCallbackClient({ endpoint, secretId: "AKIDcb", secretKey: "cbkey", retryBaseMs: 20 });
    const url = `http://127.0.0.1:${(rx.address() as AddressInfo).port}/cb`;
    const created = await client.createTemplate({
      templateName: "RecDesk-callbacks",
      streamBeginNotifyUrl: url,
      streamEndNotifyUrl: url,
      recordNotifyUrl: url,
      recordStatusNotifyUrl: url,
      callbackKey: "k",
    });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const rules = await client.describeRules();
    expect(rules).toMatchObject({ ok: true, data: [] });
    const bound = await client.createRule({
      domainName: "push.recdesk-demo.com",
      appName: "live",
      templateId: created.data.templateId,
    });
    expect(bound.ok).toBe(true);
    await fetch(`${endpoint}/_sim/streams/push`, {
      method: "POST",
      body: JSON.stringify({ streamName: "cli_push", domainName: "push.recdesk-demo.com" }),
    });
    let deliveries: CallbackDelivery[] = [];
    const deadline = Date.now() + 15_000;
    while (!deliveries.some((d) => d.state === "delivered") && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      deliveries = ((await (await fetch(`${endpoint}/_sim/callbacks`)).json()) as { deliveries: CallbackDelivery[] })
        .deliveries;
    }
    expect(deliveries).toEqual([
      expect.objectContaining({ eventType: 1, state: "delivered", attempts: 2, lastStatus: 200, url }),
    ]);
  });

  it("refuses a bad --callback-retry-ms with one line", () => {
    const r = spawnSync(process.execPath, [...CLI, "--port", "0", "--callback-retry-ms", "soon"], {
      cwd: root,
      env: childEnv,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([expect.stringContaining("--callback-retry-ms")]);
  });
});
