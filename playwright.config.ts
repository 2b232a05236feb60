import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./e2e/chromium-flags";

// Each run gets its own port, simulator port and data directory, so parallel runs never collide.
const port = Number(process.env.E2E_PORT ?? 3100);
const simulatorPort = Number(process.env.E2E_SIMULATOR_PORT ?? port + 1500);
const dataDir = process.env.E2E_DATA_DIR ?? `.data-e2e-${port}`;
// The test OpenID provider for the single sign-on journey (scripts/e2e-oidc-provider.ts). Next to the server's
// port: runs side by side use ports 100 or more apart, whose simulator ports (port + 1500) never land here.
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? port + 1);

// Short enough that a spec sees the next upstream sweep (e.g. an injected failure) a moment later.
const streamsCacheTtlMs = Number(process.env.E2E_STREAMS_CACHE_TTL_MS ?? 1000);

export const e2eEnv = {
  port,
  simulatorPort,
  dataDir,
  simulatorUrl: `http://127.0.0.1:${simulatorPort}`,
  streamsCacheTtlMs,
  oidcIssuer: `http://127.0.0.1:${oidcPort}`,
};

export default defineConfig({
  testDir: "./e2e",
  // Accessibility and screenshot specs do not depend on the database engine; CI's second pass (Postgres)
  // sets E2E_SKIP_VISUAL=1 to leave them to the first.
  grepInvert: process.env.E2E_SKIP_VISUAL === "1" ? /@visual/ : undefined,
  outputDir: `test-results/e2e-${port}`,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"], ["json", { outputFile: `test-results/e2e-${port}.json` }]] : [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    // Recording a trace costs about a fifth of the suite's time on 2 cores; E2E_TRACE=1 turns it on to debug.
    trace: process.env.E2E_TRACE === "1" ? "retain-on-failure" : "off",
    screenshot: "only-on-failure",
    // What every journey's browser asks for (Accept-Language), whatever the machine's own language: English.
    locale: "en-US",
  },
  projects: [
    {
      name: "debian-chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: CHROMIUM_ARGS,
        },
      },
    },
  ],
  webServer: [
    {
      command: `npx tsx scripts/e2e-oidc-provider.ts ${oidcPort} http://localhost:${port}/api/auth/callback/oidc`,
      url: `http://127.0.0.1:${oidcPort}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // Demo mode (no Tencent credentials): the server starts its own simulator, with the /_sim/ fault
      // injection API open so tests can make Tencent misbehave on purpose.
      command: `bash scripts/e2e-server.sh ${port}`,
      url: `http://localhost:${port}/sign-in`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        RECDESK_DATA_DIR: dataDir,
        RECDESK_SIMULATOR_PORT: String(simulatorPort),
        RECDESK_SIMULATOR_CONTROL: "1",
        RECDESK_SIMULATOR_LATENCY_MS: "20",
        // The timeout journey waits this long for an answer that never comes (the default is 10 s).
        TENCENTCLOUD_TIMEOUT_MS: "4000",
        // Two bulk lanes: a three-item job still has an item waiting, which is what Pause and Cancel act on.
        RECDESK_BULK_CONCURRENCY: "2",
        RECDESK_STREAMS_CACHE_TTL_MS: String(streamsCacheTtlMs),
        // One RecordTask sweep per second at most, so a task made behind RecDesk's back shows on the next load.
        RECDESK_RECORD_TASKS_TTL_MS: "1000",
        // Every upstream call and action is an info line; the run's report shows warnings and errors only.
        LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "warn",
        AUTH_SECRET: "e2e-only-secret-e2e-only-secret-0123456789",
        AUTH_TRUST_HOST: "true",
        // Single sign-on next to the demo accounts, against the test provider above.
        AUTH_OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`,
        AUTH_OIDC_CLIENT_ID: "recdesk-e2e",
        AUTH_OIDC_CLIENT_SECRET: "recdesk-e2e-client-secret",
        AUTH_OIDC_ROLE_CLAIM: "recdesk_role",
        TENCENTCLOUD_SECRET_ID: "",
        TENCENTCLOUD_SECRET_KEY: "",
        DATABASE_URL: process.env.DATABASE_URL ?? "",
        // The e2e server is a demo on purpose, also on Postgres; without this it refuses to start there.
        RECDESK_DEMO: process.env.DATABASE_URL ? "1" : "",
        http_proxy: "",
      },
    },
  ],
});
