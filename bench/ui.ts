// npm run bench:ui — the console with 20,000 online streams, on the production build in demo mode:
//  (a) navigation → streams table interactive (rows shown and React hydrated)
//  (b) keystroke in the search box → only matching rows painted
//  (c) upstream DescribeLiveStreamOnlineList sweeps per refresh interval with 50 concurrent viewers
//  (d) first-load JavaScript of /tasks, /streams and /audit, signed in, cache disabled (bench/ui-first-load.ts)
// Baseline in the same run: BENCH_BASELINE_DIST names a build of the previous version, e.g.
//   git worktree add /tmp/recdesk-base <ref> && (cd /tmp/recdesk-base && ln -s "$PWD/node_modules" . …)
//   or simply NEXT_DIST_DIR=.next-base npx next build on the previous commit before switching.
// Both servers run side by side and (a), (b) and (d) alternate between them run by run, so the machine's load
// falls on both alike; (c) runs on the current build only.
// Env: NEXT_DIST_DIR (build dir, built here if missing), BENCH_PORT (default 3520; the simulator takes +1, the
// baseline +10/+11), BENCH_RUNS (default 7), BENCH_VIEWERS (50), BENCH_INTERVALS (3 refresh intervals of 30 s;
// 0 skips (c)).
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { buildIfNeeded, launchChromium, signInWithForm, startDemoServer, stopDemoServer } from "./demo-server";
import { firstLoadScripts, type ScriptLoad } from "./ui-first-load";

const STREAMS = 20_000;
const DIST = process.env.NEXT_DIST_DIR || ".next";
const BASELINE_DIST = process.env.BENCH_BASELINE_DIST || undefined;
const PORT = Number(process.env.BENCH_PORT ?? 3520);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 50);
const INTERVALS = Number(process.env.BENCH_INTERVALS ?? 3);
const REFRESH_MS = 30_000; // the page's refetchInterval and the server cache's default TTL
const FIRST_LOAD_PAGES = ["/tasks", "/streams", "/audit"] as const;
// The floor under every page, measured the same way: a signed-in address that does not exist loads React, Next's
// runtime, the root and console layouts (next-intl's provider, the shell, the error boundaries) and the small
// not-found page — everything a console page loads except its own code.
const FLOOR_PAGE = "/bench-floor-no-such-page";
const FIRST_LOAD_GOAL = 130_000; // bytes, issue 17

/** One production server (and its demo simulator) under test. */
interface Target {
  label: string;
  dist: string;
  base: string;
  sim: string;
  dataDir: string;
  server?: ChildProcess;
}

const target = (label: string, dist: string, port: number): Target => ({
  label,
  dist,
  base: `http://localhost:${port}`,
  sim: `http://127.0.0.1:${port + 1}`,
  dataDir: `.data-bench-ui-${port}`,
});

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (x: number) => `${Math.round(x)} ms`;
const kB = (x: number) => `${(x / 1000).toFixed(1)} kB`;

function startServer(t: Target): Promise<ChildProcess> {
  return startDemoServer({
    dist: t.dist,
    port: Number(new URL(t.base).port),
    dataDir: t.dataDir,
    env: {
      RECDESK_SIMULATOR_STREAMS: String(STREAMS),
      RECDESK_SIMULATOR_CONTROL: "1", // the bench reads the simulator's call counter
    },
  });
}

async function onlineListCalls(t: Target): Promise<number> {
  const r = (await (await fetch(`${t.sim}/_sim/calls`)).json()) as { byAction: Record<string, number> };
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

async function timeToInteractive(page: Page, t: Target): Promise<number> {
  await page.goto(`${t.base}/streams`);
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

async function viewers(t: Target, cookie: string, pagesPerSweep: number) {
  const windowMs = INTERVALS * REFRESH_MS;
  const before = await onlineListCalls(t);
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
        const res = await fetch(`${t.base}/api/streams?${queries[v % queries.length]}`, { headers: { cookie } });
        latencies.push(performance.now() - t0);
        if (!res.ok) failures++;
        await res.arrayBuffer();
      }
    }),
  );
  const calls = (await onlineListCalls(t)) - before;
  return {
    requests: latencies.length,
    failures,
    calls,
    sweeps: calls / pagesPerSweep,
    intervals: windowMs / REFRESH_MS,
    latencies,
  };
}

/** Signs in as `email` in a fresh context and waits for /streams to be interactive with the full list. */
async function signedIn(
  browser: Browser,
  t: Target,
  email: string,
): Promise<{ context: BrowserContext; page: Page; coldMs: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(INTERACTIVE_PROBE);
  const page = await context.newPage();
  const coldStart = await signInWithForm(page, t.base, email, "/streams");
  await page.waitForSelector('[data-hydrated="true"] [data-testid="stream-row"]', { timeout: 120_000 });
  return { context, page, coldMs: performance.now() - coldStart }; // coldMs includes the first 200-page sweep
}

const cookieOf = async (context: BrowserContext) =>
  (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");

interface Figures {
  coldMs: number;
  nav: number[];
  keys: number[];
  firstLoad: Record<string, number[]>;
  firstLoadBrotli: Record<string, number[]>;
}

const summary = (xs: number[]) => `${ms(median(xs))} (min ${ms(Math.min(...xs))}, max ${ms(Math.max(...xs))})`;

buildIfNeeded(DIST);
const targets = [target("current", DIST, PORT)];
if (BASELINE_DIST) {
  if (!existsSync(`${BASELINE_DIST}/BUILD_ID`)) throw new Error(`BENCH_BASELINE_DIST=${BASELINE_DIST} holds no build`);
  targets.push(target("baseline", BASELINE_DIST, PORT + 10));
}
const browser = await launchChromium();
try {
  for (const t of targets) t.server = await startServer(t);
  const sessions = [];
  for (const t of targets) sessions.push(await signedIn(browser, t, "support@recdesk.local"));
  const cookie = await cookieOf(sessions[0]!.context);
  const first = (await (
    await fetch(`${targets[0]!.base}/api/streams?pageSize=200`, { headers: { cookie } })
  ).json()) as {
    total: number;
    sweepPages: number;
    rows: { streamName: string }[];
  };
  if (first.total !== STREAMS) throw new Error(`expected ${STREAMS} online streams, the page reports ${first.total}`);
  const figures: Figures[] = sessions.map((s) => ({
    coldMs: s.coldMs,
    nav: [],
    keys: [],
    firstLoad: Object.fromEntries([...FIRST_LOAD_PAGES, FLOOR_PAGE].map((p) => [p, []])),
    firstLoadBrotli: Object.fromEntries([...FIRST_LOAD_PAGES, FLOOR_PAGE].map((p) => [p, []])),
  }));

  // (a) warm navigations (the shared cache holds the list; a stale one is refreshed within the request).
  for (let i = 0; i < RUNS; i++)
    for (const [k, t] of targets.entries()) figures[k]!.nav.push(await timeToInteractive(sessions[k]!.page, t));

  // (b) keystrokes: a different name each run, so no answer comes from the browser's query cache.
  for (let i = 0; i < RUNS; i++) {
    const name = first.rows[(i * 29) % first.rows.length]!.streamName;
    for (const k of targets.keys()) figures[k]!.keys.push(await keystrokeToRows(sessions[k]!.page, name));
  }
  for (const s of sessions) await s.context.close();

  // (d) first-load JavaScript, as an admin (who sees every page and every button), cache disabled.
  const admins = [];
  for (const t of targets) admins.push(await signedIn(browser, t, "admin@recdesk.local"));
  const lastScripts: Record<string, ScriptLoad[]> = {};
  for (let i = 0; i < 3; i++)
    for (const path of [...FIRST_LOAD_PAGES, FLOOR_PAGE])
      for (const [k, t] of targets.entries()) {
        const load = await firstLoadScripts(admins[k]!.context, `${t.base}${path}`);
        figures[k]!.firstLoad[path]!.push(load.bytes);
        figures[k]!.firstLoadBrotli[path]!.push(load.brotliBytes);
        if (k === 0) lastScripts[path] = load.scripts;
      }
  for (const a of admins) await a.context.close();

  // (c) 50 viewers for INTERVALS refresh intervals, current build only.
  const fanIn = INTERVALS > 0 ? await viewers(targets[0]!, cookie, first.sweepPages) : undefined;

  const both = (pick: (f: Figures) => string) => figures.map(pick).join("   |   baseline: ");
  const rows: [string, string][] = [
    ["online streams", STREAMS.toLocaleString("en")],
    ["pages per sweep (100 streams each)", String(first.sweepPages)],
    ["first visit after sign-in, cold cache (one sweep inside)", both((f) => ms(f.coldMs))],
    [`(a) navigation → table interactive, median of ${RUNS}`, both((f) => summary(f.nav))],
    [`(b) keystroke → only matching rows painted, median of ${RUNS}`, both((f) => summary(f.keys))],
    ...FIRST_LOAD_PAGES.map((p): [string, string] => [
      `(d) first-load JS of ${p}, transferred (median of 3)`,
      both(
        (f) =>
          `${kB(median(f.firstLoad[p]!))} = ${(median(f.firstLoad[p]!) / FIRST_LOAD_GOAL).toFixed(2)} of ${kB(FIRST_LOAD_GOAL)}; floor + ${kB(median(f.firstLoad[p]!) - median(f.firstLoad[FLOOR_PAGE]!))}; with Brotli ${kB(median(f.firstLoadBrotli[p]!))}`,
      ),
    ]),
    [
      "(d) floor: a signed-in 404 (React, Next, layouts, shell)",
      both((f) => `${kB(median(f.firstLoad[FLOOR_PAGE]!))}; with Brotli ${kB(median(f.firstLoadBrotli[FLOOR_PAGE]!))}`),
    ],
  ];
  if (fanIn)
    rows.push(
      [
        `(c) ${VIEWERS} viewers × ${fanIn.intervals} intervals of 30 s: requests`,
        `${fanIn.requests} (${fanIn.failures} failed), p50 ${ms(pct(fanIn.latencies, 50))}, p95 ${ms(pct(fanIn.latencies, 95))}`,
      ],
      ["(c) DescribeLiveStreamOnlineList calls / full sweeps", `${fanIn.calls} / ${fanIn.sweeps.toFixed(2)}`],
      ["(c) sweeps per refresh interval", (fanIn.sweeps / fanIn.intervals).toFixed(2)],
    );
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(
    `\nbench:ui — ${new Date().toISOString()}${BASELINE_DIST ? ` (current  |  baseline ${BASELINE_DIST})` : ""}\n`,
  );
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  console.log("\nscripts of the current build's first load:");
  for (const [path, scripts] of Object.entries(lastScripts))
    console.log(
      `  ${path}: ${scripts.map((s) => `${new URL(s.url).pathname.split("/").pop()} ${kB(s.bytes)} (br ${kB(s.brotliBytes)})`).join(", ")}`,
    );
  mkdirSync("bench/results", { recursive: true });
  writeFileSync(
    "bench/results/ui.json",
    `${JSON.stringify(
      {
        at: new Date().toISOString(),
        streams: STREAMS,
        runs: RUNS,
        ...Object.fromEntries(targets.map((t, k) => [t.label, { dist: t.dist, ...figures[k] }])),
        viewers: fanIn && {
          viewers: VIEWERS,
          ...fanIn,
          latencies: undefined,
          p50: pct(fanIn.latencies, 50),
          p95: pct(fanIn.latencies, 95),
        },
      },
      null,
      2,
    )}\n`,
  );
} finally {
  await browser.close();
  for (const t of targets) stopDemoServer(t.server, t.dataDir);
}
