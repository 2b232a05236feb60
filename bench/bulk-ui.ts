// npm run bench:bulk-ui — an on-call engineer's bulk stop of every recording task, through the UI of the
// production build in demo mode (the simulator in a worker thread, at 20 ms, PGlite, the bulk worker in the same server):
// sign in, /tasks?state=recording, "select all matching", Stop with a reason, wait on the job page, and read the
// rate the page shows, checked against the job's own timestamps (GET /api/jobs/:id) and the simulator's count of
// calls (every call once, refused ones retried). Prints the ratio to StopLiveRecord's 200/s.
// Env: NEXT_DIST_DIR (build dir, built here if missing), BENCH_PORT (default 3540; the simulator takes +1),
// BENCH_TASKS (seeded legacy tasks, default 1000; the simulator's seed makes ~56 % of them recording),
// BENCH_RUNS (default 3: a fresh server each), BENCH_SERVER_LOG (a file for the server's output).
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import type { Browser } from "@playwright/test";
import { buildIfNeeded, launchChromium, signInWithForm, startDemoServer, stopDemoServer } from "./demo-server";

const DIST = process.env.NEXT_DIST_DIR || ".next";
const PORT = Number(process.env.BENCH_PORT ?? 3540);
const TASKS = Number(process.env.BENCH_TASKS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const LIMIT = 200;
const BASE = `http://localhost:${PORT}`;
const SIM = `http://127.0.0.1:${PORT + 1}`;
const DATA_DIR = `.data-bench-bulk-ui-${PORT}`;

interface JobJson {
  job: {
    state: string;
    startedAt: string | null;
    finishedAt: string | null;
    ratePerSecond: number;
    counts: { total: number; stopped: number; failed: number; pending: number; sending: number };
  };
}

interface SimCalls {
  byAction: Record<string, number>;
  rateWindows: Record<string, { accepted: number; limited: number }[]>;
}

const simCalls = async () => (await (await fetch(`${SIM}/_sim/calls`)).json()) as SimCalls;

async function oneRun(browser: Browser, run: number) {
  const server = await startDemoServer({
    dist: DIST,
    port: PORT,
    dataDir: DATA_DIR,
    logFile: process.env.BENCH_SERVER_LOG,
    env: {
      RECDESK_SIMULATOR_TASKS: String(TASKS),
      RECDESK_SIMULATOR_RECORD_TASKS: "0", // one family: the job's pace is StopLiveRecord's 200/s alone
      RECDESK_SIMULATOR_LATENCY_MS: "20",
      RECDESK_SIMULATOR_CONTROL: "1", // the bench reads the simulator's call count and rate windows
    },
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await signInWithForm(page, BASE, "oncall@recdesk.local", "/tasks?state=recording");
    await page.getByTestId("bulk-select-all").click();
    await page.getByTestId("bulk-stop-open").click();
    const dialog = page.getByTestId("bulk-stop-dialog");
    const submit = dialog.getByRole("button", { name: /^Stop [\d,]+ tasks$/ });
    await submit.waitFor({ timeout: 60_000 });
    const selected = Number((await submit.textContent())!.replace(/[^\d]/g, ""));
    await dialog.getByLabel("Reason").fill(`bench:bulk-ui run ${run + 1}`);
    const before = (await simCalls()).byAction.StopLiveRecord ?? 0;
    const load = loadavg();
    const clickedAt = performance.now();
    await submit.click();
    await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    const jobId = page.url().split("/").pop()!;
    await page
      .getByTestId("job-progress")
      .and(page.locator('[data-state="done"]'))
      .waitFor({ timeout: 10 * 60_000 });
    const seenDoneAt = performance.now();
    const shownRate = Number((await page.getByTestId("job-rate").textContent())!.replace(/[^\d.]/g, ""));
    const shownRatio = (await page.getByTestId("job-rate-ratio").textContent())!.trim();
    const r = await context.request.get(`${BASE}/api/jobs/${jobId}`);
    const { job } = (await r.json()) as JobJson;
    const durationS = (Date.parse(job.finishedAt!) - Date.parse(job.startedAt!)) / 1000;
    const fromTimestamps = (job.counts.stopped + job.counts.failed) / durationS;
    const failed = (await (await context.request.get(`${BASE}/api/jobs/${jobId}?state=failed`)).json()) as {
      items: { items: { errorCode: string | null }[] };
    };
    const failureCodes: Record<string, number> = {};
    for (const i of failed.items.items) failureCodes[i.errorCode ?? "?"] = (failureCodes[i.errorCode ?? "?"] ?? 0) + 1;
    const calls = await simCalls();
    const windows = calls.rateWindows.StopLiveRecord ?? [];
    return {
      run: run + 1,
      loadBefore: load.map((x) => Math.round(x * 100) / 100),
      selected,
      stopped: job.counts.stopped,
      failed: job.counts.failed,
      failureCodes,
      lost: selected - job.counts.stopped - job.counts.failed,
      shownRate,
      shownRatio,
      ratioShown: round(shownRate / LIMIT, 3),
      jobSeconds: round(durationS, 3),
      ratioFromTimestamps: round(fromTimestamps / LIMIT, 3),
      clickToDoneOnPageSeconds: round((seenDoneAt - clickedAt) / 1000, 2),
      stopCalls: (calls.byAction.StopLiveRecord ?? 0) - before,
      refusedBySimulator: windows.reduce((a, w) => a + w.limited, 0),
      maxAcceptedPerSecond: Math.max(0, ...windows.map((w) => w.accepted)),
    };
  } finally {
    await context.close();
    stopDemoServer(server, DATA_DIR);
  }
}

function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

buildIfNeeded(DIST);
const browser = await launchChromium();
const results = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const r = await oneRun(browser, i);
    // The page's rate is rounded to 0.1/s, so it and the timestamps' may differ in the third digit.
    console.log(
      `bulk via UI run ${r.run}: ${r.selected} tasks, job ${r.jobSeconds} s → page shows ${r.shownRate}/s (${r.shownRatio}) = ${r.ratioShown} of ${LIMIT}/s; from the job's timestamps ${r.ratioFromTimestamps}; click → done on the page ${r.clickToDoneOnPageSeconds} s; stopped ${r.stopped}, failed ${r.failed}${r.failed ? ` ${JSON.stringify(r.failureCodes)}` : ""}, lost ${r.lost}; ${r.stopCalls} calls, ${r.refusedBySimulator} refused, max ${r.maxAcceptedPerSecond} in a second; load ${r.loadBefore.join(" ")}`,
    );
    if (Math.abs(r.ratioShown - r.ratioFromTimestamps) > 0.002)
      console.log(`  the page's rate and the job's timestamps disagree: ${r.ratioShown} vs ${r.ratioFromTimestamps}`);
    results.push(r);
  }
} finally {
  await browser.close();
}
mkdirSync("bench/results", { recursive: true });
writeFileSync(
  "bench/results/bulk-ui.json",
  `${JSON.stringify({ at: new Date().toISOString(), limit: LIMIT, seededTasks: TASKS, results }, null, 2)}\n`,
);
console.log("written bench/results/bulk-ui.json");
process.exit(0);
