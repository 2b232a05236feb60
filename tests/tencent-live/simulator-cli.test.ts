import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLiveClient, type LiveClient } from "@/lib/tencent-live/client";
import { SimState } from "@/lib/tencent-live/simulator/state";

// `npm run simulator` as a user runs it: a separate Node process, flags on the command line, the endpoint and
// credentials read from what it prints, then RecDesk's own client talking to it over real HTTP.

const root = path.resolve(import.meta.dirname, "../..");
const CLI = ["--import", "tsx", "lib/tencent-live/simulator/cli.ts"];
const TASK_ID_BASE = "18446744073709551611";
const FLAGS = [
  "--port",
  "0",
  "--secret-id",
  "AKIDcli",
  "--secret-key",
  "clikey",
  "--streams",
  "30",
  "--tasks",
  "5",
  "--record-tasks",
  "4",
  "--task-id-base",
  TASK_ID_BASE,
  "--seed",
  "7",
  "--latency-ms",
  "5",
];
const childEnv = { ...process.env, http_proxy: "", HTTP_PROXY: "" };

interface Printed {
  endpoint: string;
  secretId: string;
  secretKey: string;
  seededLine: string;
}

/** Resolves once the start-up banner is complete (the "tasks seeded" line is printed last). */
function readBanner(child: ChildProcess): Promise<Printed> {
  return new Promise((resolve, reject) => {
    const vars: Record<string, string> = {};
    let stderr = "";
    child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
    child.once("exit", (code) => reject(new Error(`simulator exited (${code}) before it was ready: ${stderr}`)));
    readline.createInterface({ input: child.stdout! }).on("line", (line) => {
      const m = /^\s+(TENCENTCLOUD_[A-Z_]+)=(.*)$/.exec(line);
      if (m) vars[m[1]!] = m[2]!;
      if (/recording tasks seeded/.test(line)) {
        resolve({
          endpoint: vars.TENCENTCLOUD_LIVE_ENDPOINT!,
          secretId: vars.TENCENTCLOUD_SECRET_ID!,
          secretKey: vars.TENCENTCLOUD_SECRET_KEY!,
          seededLine: line,
        });
      }
    });
  });
}

describe("the standalone simulator (npm run simulator)", () => {
  let child: ChildProcess;
  let exited: Promise<number | null>;
  let printed: Printed;
  let client: LiveClient;

  beforeAll(async () => {
    // tsx as a loader in this one process (not the tsx CLI, which forks), so the kill below hits the simulator.
    child = spawn(process.execPath, [...CLI, ...FLAGS], {
      cwd: root,
      env: childEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    exited = new Promise((resolve) => child.on("close", (code) => resolve(code)));
    printed = await readBanner(child);
    client = createLiveClient({
      endpoint: printed.endpoint,
      secretId: printed.secretId,
      secretKey: printed.secretKey,
      timeoutMs: 5_000,
      retryBaseMs: 20,
      retryMaxDelayMs: 200,
    });
  });
  afterAll(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGKILL");
      await exited;
    }
  });

  it("starts on a free port (--port 0) and prints the endpoint and the credentials it was given", () => {
    expect(printed.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new URL(printed.endpoint).port).not.toBe("0");
    expect(printed.secretId).toBe("AKIDcli");
    expect(printed.secretKey).toBe("clikey");
    expect(printed.seededLine).toMatch(/\b5 recording tasks seeded, 4 RecordTasks/);
  });

  it("answers a signed DescribeLiveStreamOnlineList from RecDesk's client with the seeded streams", async () => {
    const r = await client.describeLiveStreamOnlineList({ pageNum: 1, pageSize: 100 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.data.totalNum).toBe(30);
    expect(r.data.streams).toHaveLength(30);
  });

  it("stops a seeded task whose TaskId is above 2^63, matched to the exact digits", async () => {
    // Seeding is deterministic for a seed (simulator README): the same options give the same tasks here.
    const seeded = new SimState({ seed: 7, streams: 30, tasks: 5, taskIdBase: TASK_ID_BASE }).listTasks();
    expect(seeded.map((t) => t.taskId)).toEqual([
      "18446744073709551611",
      "18446744073709551612",
      "18446744073709551613",
      "18446744073709551614",
      "18446744073709551615",
    ]);
    const task = seeded.find((t) => BigInt(t.taskId) > 2n ** 63n && t.state !== "stopped") ?? seeded.at(-1)!;
    expect(BigInt(task.taskId)).toBeGreaterThan(2n ** 63n);

    const r = await client.stopLiveRecord({ taskId: task.taskId, streamName: task.streamName });
    expect(r).toMatchObject({ ok: true, attempts: 1 });
    expect(r.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("shuts down cleanly when killed", async () => {
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});

describe("the standalone simulator refuses a bad flag value with one clear line", () => {
  it.each(["0", "abc"])(
    "--task-id-base %s: exit code 2, one line on stderr naming the flag, no stack trace",
    (value) => {
      const r = spawnSync(
        process.execPath,
        [
          ...CLI,
          ...FLAGS.filter((_, i, a) => a[i - 1] !== "--task-id-base" && a[i] !== "--task-id-base"),
          "--task-id-base",
          value,
        ],
        {
          cwd: root,
          env: childEnv,
          encoding: "utf8",
          timeout: 60_000,
        },
      );
      expect(r.status).toBe(2);
      const lines = r.stderr.trim().split("\n");
      expect(lines).toEqual([expect.stringContaining("--task-id-base")]);
      expect(lines[0]).toContain(`"${value}"`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).not.toContain("listening");
    },
  );

  it("a mistyped flag: exit code 2, one line naming it, no stack trace", () => {
    const r = spawnSync(process.execPath, [...CLI, "--port", "0", "--latncy-ms", "5"], {
      cwd: root,
      env: childEnv,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([expect.stringContaining("--latncy-ms")]);
    expect(r.stdout).not.toContain("listening");
  });
});
