import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { e2eEnv } from "../playwright.config";
import { skipStandalone } from "./standalone-pass";

// The standalone server (the container image's `node server.js`) in demo mode: the simulator's worker thread is a
// chunk Turbopack bundled apart (lib/tencent-live/simulator/thread.ts), and the standalone output must carry it.
// The journeys' server covers `next start`; this one is what the image runs.

const root = path.resolve(import.meta.dirname, "..");
const port = e2eEnv.port + 4;
const simPort = e2eEnv.simulatorPort + 4;
const baseUrl = `http://localhost:${port}`;

let dataDir: string;
let logFile: string;
let server: ChildProcess | undefined;
let serverExit: Promise<number | null>;

test.describe.configure({ mode: "serial" });
test.skip(skipStandalone, "runs once per test run (e2e/standalone-pass.ts)");
test.setTimeout(120_000);

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dataDir = mkdtempSync(path.join(tmpdir(), "recdesk-standalone-demo-"));
  logFile = path.join(root, `test-results/standalone-demo-${port}.log`);
  const log = createWriteStream(logFile);
  server = spawn("bash", ["scripts/standalone-server.sh", String(port)], {
    cwd: root,
    env: {
      ...process.env,
      http_proxy: "",
      HTTP_PROXY: "",
      RECDESK_DATA_DIR: dataDir,
      DATABASE_URL: "",
      TENCENTCLOUD_SECRET_ID: "",
      TENCENTCLOUD_SECRET_KEY: "",
      RECDESK_SIMULATOR_PORT: String(simPort),
      RECDESK_SIMULATOR_TASKS: "5",
      RECDESK_SIMULATOR_CONTROL: "1",
      AUTH_SECRET: "standalone-demo-e2e-auth-secret-0123456789",
      AUTH_TRUST_HOST: "true",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.pipe(log);
  server.stderr!.pipe(log);
  serverExit = new Promise((resolve) => server!.on("close", (code) => resolve(code)));
  const end = Date.now() + 90_000;
  while (Date.now() < end) {
    const ready = await fetch(`${baseUrl}/api/health/ready`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) return;
    if (server.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the standalone demo server did not become ready (log: ${logFile})`);
});

test.afterAll(() => {
  if (server && server.exitCode === null) server.kill("SIGKILL");
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test("the demo simulator serves from a worker thread of the standalone server", async () => {
  const started = readFileSync(logFile, "utf8")
    .split("\n")
    .filter((l) => l.includes('"event":"demo.simulator"'))
    .map((l) => JSON.parse(l) as { url: string; threadId: number });
  expect(started).toHaveLength(1);
  expect(started[0]!.url).toBe(`http://127.0.0.1:${simPort}`);
  expect(started[0]!.threadId).toBeGreaterThan(0); // the main thread's is 0
  const r = await fetch(`http://127.0.0.1:${simPort}/_sim/tasks`);
  expect(r.status).toBe(200);
  expect(((await r.json()) as { tasks: unknown[] }).tasks).toHaveLength(5);
});

test("SIGTERM: the server and its simulator thread exit 0", async () => {
  server!.kill("SIGTERM");
  expect(await serverExit).toBe(0);
  expect(readFileSync(logFile, "utf8")).toContain('"event":"shutdown.done"');
  await expect(fetch(`http://127.0.0.1:${simPort}/_sim/tasks`)).rejects.toThrow();
});
