import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { e2eEnv } from "../playwright.config";
import { skipStandalone } from "./standalone-pass";

// The container image's server, as CI can run it without pulling a base image: the standalone output of the same
// `next build` (next.config.mjs: output "standalone"), started with `node server.js` as the Dockerfile's CMD
// does (scripts/standalone-server.sh copies the static files where the image has them). It runs in real mode:
// Tencent credentials (made up) against the simulator over HTTP, a user created with `npm run user:add`, no demo.
// The whole server log is then searched for the secrets it was given.

const root = path.resolve(import.meta.dirname, "..");
const port = e2eEnv.port + 3;
const simPort = e2eEnv.simulatorPort + 3;
const baseUrl = `http://localhost:${port}`;
const secrets = {
  secretId: "AKIDstandaloneE2E0123456789",
  secretKey: "standalone-e2e-tencent-secret-key-7f3a9c",
  authSecret: "standalone-e2e-auth-secret-0123456789abcdef",
  auditKey: "standalone-e2e-audit-key-0123456789abcdef",
  metricsToken: "standalone-e2e-metrics-token-0123456789",
  password: "standalone-e2e-Password-4242",
};
const email = "ops-oncall@example.com";

let dataDir: string;
let logFile: string;
let simulator: ChildProcess | undefined;
let server: ChildProcess | undefined;
let serverExit: Promise<number | null>;

test.describe.configure({ mode: "serial" });
// The image is engine-independent here (PGlite in a volume); CI's Postgres pass leaves it to the first pass.
test.skip(skipStandalone, "runs once per test run (e2e/standalone-pass.ts)");
test.setTimeout(120_000);

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 90_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms (server log: ${logFile})`);
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dataDir = mkdtempSync(path.join(tmpdir(), "recdesk-standalone-"));
  logFile = path.join(root, `test-results/standalone-${port}.log`);
  const env = { ...process.env, http_proxy: "", HTTP_PROXY: "" };
  simulator = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "lib/tencent-live/simulator/cli.ts",
      "--port",
      String(simPort),
      "--secret-id",
      secrets.secretId,
      "--secret-key",
      secrets.secretKey,
      "--control",
    ],
    { cwd: root, env, stdio: "ignore" },
  );
  await waitUntil(async () => (await fetch(`http://127.0.0.1:${simPort}/_sim/tasks`)).ok, "the simulator start");

  const dbEnv = { ...env, RECDESK_DATA_DIR: dataDir, RECDESK_AUDIT_KEY: secrets.auditKey, DATABASE_URL: "" };
  const added = spawnSync(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", "scripts/user-add.ts", "--email", email, "--role", "oncall"],
    { cwd: root, env: dbEnv, input: `${secrets.password}\n`, encoding: "utf8", timeout: 90_000 },
  );
  expect(added.status, added.stderr).toBe(0);

  const log = createWriteStream(logFile);
  server = spawn("bash", ["scripts/standalone-server.sh", String(port)], {
    cwd: root,
    env: {
      ...dbEnv,
      TENCENTCLOUD_SECRET_ID: secrets.secretId,
      TENCENTCLOUD_SECRET_KEY: secrets.secretKey,
      TENCENTCLOUD_LIVE_ENDPOINT: `http://127.0.0.1:${simPort}`,
      AUTH_SECRET: secrets.authSecret,
      AUTH_TRUST_HOST: "true",
      RECDESK_METRICS_TOKEN: secrets.metricsToken,
      RECDESK_DEMO: "",
      LOG_LEVEL: "debug",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.pipe(log);
  server.stderr!.pipe(log);
  serverExit = new Promise((resolve) => server!.on("close", (code) => resolve(code)));
  await waitUntil(async () => (await fetch(`${baseUrl}/api/health/ready`)).status === 200, "readiness");
});

test.afterAll(async () => {
  if (server && server.exitCode === null) server.kill("SIGKILL");
  simulator?.kill("SIGTERM");
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test("the standalone server answers its probes without a session", async () => {
  const live = await fetch(`${baseUrl}/api/health/live`, { redirect: "manual" });
  expect(live.status).toBe(200);
  expect(await live.json()).toEqual({ status: "ok" });
  const ready = await fetch(`${baseUrl}/api/health/ready`, { redirect: "manual" });
  expect(ready.status).toBe(200);
  expect(await ready.json()).toMatchObject({ ready: true, checks: { database: "ok", migrations: "ok" } });
  expect((await fetch(`${baseUrl}/api/metrics`)).status).toBe(401);
});

test("signs in, stops a recording task and shows its RequestId (real mode against the simulator)", async ({ page }) => {
  const { tasks } = (await (await fetch(`http://127.0.0.1:${simPort}/_sim/tasks`)).json()) as {
    tasks: { taskId: string; streamName: string; state?: string }[];
  };
  const task = tasks[0]!;
  await page.goto(`${baseUrl}/sign-in?callbackUrl=${encodeURIComponent("/tasks/stop")}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(secrets.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/tasks/stop", { timeout: 30_000 });
  await page.getByLabel("Stream name").fill(task.streamName);
  await page.getByLabel("TaskId").fill(task.taskId);
  await page.getByLabel("Reason").fill("standalone smoke test");
  await page.getByTestId("stop-by-id-submit").click();
  await page.getByTestId("confirm-stop").click();
  const success = page.getByTestId("stop-success");
  await expect(success).toBeVisible();
  const requestId = (await success.getByTestId("request-id").textContent())!.trim();
  expect(requestId).toMatch(/\S{8,}/);

  const metrics = await fetch(`${baseUrl}/api/metrics`, {
    headers: { Authorization: `Bearer ${secrets.metricsToken}` },
  });
  expect(metrics.status).toBe(200);
  const text = await metrics.text();
  expect(text).toContain('recdesk_live_requests_total{action="StopLiveRecord",code="ok"} 1');
  expect(text).toContain('recdesk_signin_attempts_total{result="ok"} 1');
  expect(text).not.toContain(task.streamName);
  // The Stop's upstream call and its outcome each have a log line carrying the RequestId.
  await waitUntil(async () => readFileSync(logFile, "utf8").includes(requestId), "the RequestId in the log", 10_000);
  const lines = readFileSync(logFile, "utf8")
    .split("\n")
    .filter((l) => l.includes(requestId));
  expect(lines.some((l) => l.includes('"event":"live.call"'))).toBe(true);
  expect(lines.some((l) => l.includes('"event":"action.outcome"'))).toBe(true);
});

test("SIGTERM: exits 0 after a clean shutdown, and the whole log holds no secret", async () => {
  server!.kill("SIGTERM");
  expect(await serverExit).toBe(0);
  const log = readFileSync(logFile, "utf8");
  expect(log).toContain('"event":"shutdown.done"');
  for (const [name, value] of Object.entries({
    "the Tencent secret key": secrets.secretKey,
    "the password": secrets.password,
    AUTH_SECRET: secrets.authSecret,
    RECDESK_AUDIT_KEY: secrets.auditKey,
    RECDESK_METRICS_TOKEN: secrets.metricsToken,
  }))
    expect(log.split(value).length - 1, `${name} in the server log`).toBe(0);
  // Apart from Next's start-up banner, every line on the way out is one JSON object.
  const stray = log
    .split("\n")
    .map((l) => l.replace(/\x1b\[[0-9;]*m/g, "").trim()) // Next colours its banner
    .filter((l) => l !== "")
    .filter((l) => !l.startsWith("{"))
    .filter((l) => !/^(▲ Next\.js|- (Local|Network):|✓ (Ready|Running|Starting))/.test(l));
  expect(stray).toEqual([]);
});
