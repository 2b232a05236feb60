// The production build in demo mode (the simulator in a worker thread, PGlite), as the UI benches drive it: built once if
// missing, started in its own process group on a fresh data directory, and a Chromium to look at it with.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { appendFileSync, existsSync, rmSync } from "node:fs";
import { chromium, type Browser, type Page } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../e2e/chromium-flags";

export function buildIfNeeded(dist: string): void {
  if (existsSync(`${dist}/BUILD_ID`)) return;
  console.log(`No build in ${dist}: running next build (once)…`);
  const r = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_DIST_DIR: dist } });
  if (r.status !== 0) throw new Error("next build failed");
}

/**
 * `next start` on `port` with the simulator on `port + 1`, answering /sign-in. `env` adds the bench's own knobs
 * (RECDESK_SIMULATOR_*); Tencent credentials and DATABASE_URL are cleared, so it is demo mode on PGlite.
 */
export async function startDemoServer(o: {
  dist: string;
  port: number;
  dataDir: string;
  env: Record<string, string>;
  /** Appends the server's output to this file as well (BENCH_SERVER_LOG): what it logged while being timed. */
  logFile?: string;
}): Promise<ChildProcess> {
  rmSync(o.dataDir, { recursive: true, force: true });
  const base = `http://localhost:${o.port}`;
  const server = spawn("npx", ["next", "start", "-p", String(o.port)], {
    env: {
      ...process.env,
      NEXT_DIST_DIR: o.dist,
      RECDESK_DATA_DIR: o.dataDir,
      RECDESK_SIMULATOR_PORT: String(o.port + 1),
      AUTH_SECRET: "bench-only-secret-bench-only-secret-0123456789",
      AUTH_TRUST_HOST: "true",
      TENCENTCLOUD_SECRET_ID: "",
      TENCENTCLOUD_SECRET_KEY: "",
      DATABASE_URL: "",
      http_proxy: "",
      ...o.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so stopping it stops next-server too
  });
  let log = "";
  const keep = (d: Buffer) => {
    log += d;
    if (o.logFile) appendFileSync(o.logFile, d);
  };
  server.stdout!.on("data", keep);
  server.stderr!.on("data", keep);
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null) throw new Error(`next start exited:\n${log}`);
    const ok = await fetch(`${base}/sign-in`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return server;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`next start did not answer:\n${log}`);
}

/** Stops a server from startDemoServer (its whole process group) and removes its data directory. */
export function stopDemoServer(server: ChildProcess | undefined, dataDir: string): void {
  try {
    process.kill(-server!.pid!, "SIGTERM");
  } catch {
    /* already gone, or never started */
  }
  rmSync(dataDir, { recursive: true, force: true });
}

/** The system Chromium with the flags the journeys use, quiet enough for timing. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * Signs in through the form with a demo account's password and resolves once the browser is on `next`, with
 * when the button was pressed (performance.now()), for benches that time what follows the click.
 */
export async function signInWithForm(page: Page, base: string, email: string, next: string): Promise<number> {
  await page.goto(`${base}/sign-in?callbackUrl=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("recdesk-demo");
  const pressedAt = performance.now();
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((u) => u.pathname === new URL(next, base).pathname, { timeout: 120_000 });
  return pressedAt;
}
