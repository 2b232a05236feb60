// npm run bench:ui — the Streams page with 20,000 online streams, on the production build in demo mode:
//  (a) navigation → streams table interactive (rows shown and React hydrated)
//  (b) keystroke in the search box → filtered rows painted (includes the page's 250 ms debounce)
//  (c) upstream DescribeLiveStreamOnlineList sweeps per refresh interval with 50 concurrent viewers
// Env: NEXT_DIST_DIR (build dir, built here if missing), BENCH_PORT (default 3520; the simulator takes +1),
// BENCH_RUNS (default 7), BENCH_VIEWERS (50), BENCH_INTERVALS (3 refresh intervals of 30 s).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { chromium, type Page } from "@playwright/test";

const STREAMS = 20_000;
const DIST = process.env.NEXT_DIST_DIR || ".next";
const PORT = Number(process.env.BENCH_PORT ?? 3520);
const SIM_PORT = PORT + 1;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 50);
const INTERVALS = Number(process.env.BENCH_INTERVALS ?? 3);
const REFRESH_MS = 30_000; // the page's refetchInterval and the server cache's default TTL
const BASE = `http://localhost:${PORT}`;
const SIM = `http://127.0.0.1:${SIM_PORT}`;
const DATA_DIR = `.data-bench-ui-${PORT}`;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (x: number) => `${Math.round(x)} ms`;

function buildIfNeeded(): void {
  if (existsSync(`${DIST}/BUILD_ID`)) return;
  console.log(`No build in ${DIST}: running next build (once)…`);
  const r = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_DIST_DIR: DIST } });
  if (r.status !== 0) throw new Error("next build failed");
}

async function startServer(): Promise<ChildProcess> {
  rmSync(DATA_DIR, { recursive: true, force: true });
  const server = spawn("npx", ["next", "start", "-p", String(PORT)], {
    env: {
      ...process.env,
      NEXT_DIST_DIR: DIST,
      RECDESK_DATA_DIR: DATA_DIR,
      RECDESK_SIMULATOR_STREAMS: String(STREAMS),
      RECDESK_SIMULATOR_PORT: String(SIM_PORT),
      RECDESK_SIMULATOR_CONTROL: "1", // the bench reads the simulator's call counter
      AUTH_SECRET: "bench-only-secret-bench-only-secret-0123456789",
      AUTH_TRUST_HOST: "true",
      TENCENTCLOUD_SECRET_ID: "",
      TENCENTCLOUD_SECRET_KEY: "",
      DATABASE_URL: "",
      http_proxy: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so stopping it stops next-server too
  });
  let log = "";
  server.stdout!.on("data", (d: Buffer) => (log += d));
  server.stderr!.on("data", (d: Buffer) => (log += d));
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null) throw new Error(`next start exited:\n${log}`);
    const ok = await fetch(`${BASE}/sign-in`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return server;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`next start did not answer:\n${log}`);
}

async function onlineListCalls(): Promise<number> {
  const r = (await (await fetch(`${SIM}/_sim/calls`)).json()) as { byAction: Record<string, number> };
  return r.byAction.DescribeLiveStreamOnlineList ?? 0;
}

// Records, inside the page, when the table first shows rows with React hydrated.
const INTERACTIVE_PROBE = `
  new MutationObserver((_, obs) => {
    if (document.querySelector('[data-hydrated="true"] [data-testid="stream-row"]')) {
      window.__interactiveAt = performance.now();
      obs.disconnect();
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });
`;

async function timeToInteractive(page: Page): Promise<number> {
  await page.goto(`${BASE}/streams`);
  await page.waitForFunction(
    () => (window as unknown as { __interactiveAt?: number }).__interactiveAt !== undefined,
    null,
    { timeout: 60_000 },
  );
  return page.evaluate(() => (window as unknown as { __interactiveAt: number }).__interactiveAt);
}

/** From the last keydown in the search box to the frame after the matching rows replaced the old ones. */
async function keystrokeToRows(page: Page, needle: string): Promise<number> {
  const search = page.getByLabel("Search stream name");
  await search.fill("");
  await page.waitForFunction(
    () => document.querySelector('[data-testid="streams-table"]')?.getAttribute("aria-busy") === "false",
  );
  // A string, not a function: tsx would wrap named arrow functions in a helper the page does not have.
  const done = page.evaluate(`new Promise((resolve) => {
    const needle = ${JSON.stringify(needle.toLowerCase())};
    let t0;
    document.getElementById("stream-search").addEventListener("keydown", () => (t0 = performance.now()));
    const obs = new MutationObserver(() => {
      const table = document.querySelector('[data-testid="streams-table"]');
      const links = [...document.querySelectorAll('[data-testid="stream-link"]')];
      if (t0 === undefined || table?.getAttribute("aria-busy") !== "false" || links.length === 0) return;
      if (!links.every((l) => l.textContent.toLowerCase().includes(needle))) return;
      obs.disconnect();
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
    });
    obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  })`) as Promise<number>;
  await search.pressSequentially(needle);
  return done;
}

async function viewers(cookie: string, pagesPerSweep: number) {
  const windowMs = INTERVALS * REFRESH_MS;
  const before = await onlineListCalls();
  const latencies: number[] = [];
  let failures = 0;
  const started = Date.now();
  const queries = [
    "",
    "q=room",
    "sort=age-asc",
    "page=3",
    "q=_1&pageSize=100",
    "domain=push.recdesk-demo.com",
    "app=edu",
  ];
  // Each viewer behaves as an open Streams tab: one GET /api/streams per refresh interval, at its own phase.
  await Promise.all(
    Array.from({ length: VIEWERS }, async (_, v) => {
      const phase = Math.random() * REFRESH_MS;
      for (let at = phase; at < windowMs; at += REFRESH_MS) {
        await new Promise((r) => setTimeout(r, Math.max(0, started + at - Date.now())));
        const t0 = performance.now();
        const res = await fetch(`${BASE}/api/streams?${queries[v % queries.length]}`, { headers: { cookie } });
        latencies.push(performance.now() - t0);
        if (!res.ok) failures++;
        await res.arrayBuffer();
      }
    }),
  );
  const calls = (await onlineListCalls()) - before;
  return {
    requests: latencies.length,
    failures,
    calls,
    sweeps: calls / pagesPerSweep,
    intervals: windowMs / REFRESH_MS,
    latencies,
  };
}

buildIfNeeded();
const server = await startServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(INTERACTIVE_PROBE);
  const page = await context.newPage();
  await page.goto(`${BASE}/sign-in?callbackUrl=%2Fstreams`);
  await page.getByLabel("Email").fill("support@recdesk.local");
  await page.getByLabel("Password").fill("recdesk-demo");
  const coldStart = performance.now();
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((u) => u.pathname === "/streams", { timeout: 120_000 });
  await page.waitForSelector('[data-hydrated="true"] [data-testid="stream-row"]', { timeout: 120_000 });
  const coldMs = performance.now() - coldStart; // includes the first 200-page sweep
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const first = (await (await fetch(`${BASE}/api/streams?pageSize=200`, { headers: { cookie } })).json()) as {
    total: number;
    sweepPages: number;
    rows: { streamName: string }[];
  };
  if (first.total !== STREAMS) throw new Error(`expected ${STREAMS} online streams, the page reports ${first.total}`);

  // (a) warm navigations (the shared cache holds the list; a stale one is refreshed within the request).
  const nav: number[] = [];
  for (let i = 0; i < RUNS; i++) nav.push(await timeToInteractive(page));

  // (b) keystrokes: a different name each run, so no answer comes from the browser's query cache.
  const keys: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const name = first.rows[(i * 29) % first.rows.length]!.streamName;
    keys.push(await keystrokeToRows(page, name));
  }
  await context.close();

  // (c) 50 viewers for INTERVALS refresh intervals.
  const fanIn = await viewers(cookie, first.sweepPages);

  const rows: [string, string][] = [
    ["online streams", STREAMS.toLocaleString("en")],
    ["pages per sweep (100 streams each)", String(first.sweepPages)],
    ["first visit after sign-in, cold cache (one sweep inside)", ms(coldMs)],
    [
      `(a) navigation → table interactive, median of ${RUNS}`,
      `${ms(median(nav))} (min ${ms(Math.min(...nav))}, max ${ms(Math.max(...nav))})`,
    ],
    [
      `(b) keystroke → filtered rows painted, median of ${RUNS}`,
      `${ms(median(keys))} (min ${ms(Math.min(...keys))}, max ${ms(Math.max(...keys))}; 250 ms of it is the debounce)`,
    ],
    [
      `(c) ${VIEWERS} viewers × ${fanIn.intervals} intervals of 30 s: requests`,
      `${fanIn.requests} (${fanIn.failures} failed), p50 ${ms(pct(fanIn.latencies, 50))}, p95 ${ms(pct(fanIn.latencies, 95))}`,
    ],
    ["(c) DescribeLiveStreamOnlineList calls / full sweeps", `${fanIn.calls} / ${fanIn.sweeps.toFixed(2)}`],
    ["(c) sweeps per refresh interval", (fanIn.sweeps / fanIn.intervals).toFixed(2)],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`\nbench:ui — ${new Date().toISOString()}\n`);
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  mkdirSync("bench/results", { recursive: true });
  writeFileSync(
    "bench/results/ui.json",
    `${JSON.stringify({ at: new Date().toISOString(), streams: STREAMS, runs: RUNS, coldMs, navigationMs: nav, keystrokeMs: keys, viewers: VIEWERS, ...fanIn, latencies: undefined, p50: pct(fanIn.latencies, 50), p95: pct(fanIn.latencies, 95) }, null, 2)}\n`,
  );
} finally {
  await browser.close();
  try {
    process.kill(-server.pid!, "SIGTERM");
  } catch {
    /* already gone */
  }
  rmSync(DATA_DIR, { recursive: true, force: true });
}
