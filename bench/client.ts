// npm run bench:client — 1,000 StopLiveRecord calls through RecDesk's client against the simulator
// (20 ms latency, 200/s limit), beside a naive loop of unthrottled concurrent official-SDK calls.
import { mkdirSync, writeFileSync } from "node:fs";
import { CommonClient } from "tencentcloud-sdk-nodejs-common";
import { createLiveClient } from "@/lib/tencent-live/client";
import { startSimulator, type RateWindow } from "@/lib/tencent-live/simulator";

const CALLS = Number(process.env.BENCH_CALLS ?? 1000);
const LIMIT = 200;
const LATENCY_MS = 20;

delete process.env.http_proxy; // the SDK would silently send loopback calls through it

const sim = await startSimulator({
  port: 0,
  latencyMs: LATENCY_MS,
  streams: 500,
  tasks: CALLS,
  seed: 1,
  rateLimits: { StopLiveRecord: LIMIT },
});
const windowsSummary = (ws: RateWindow[]) => ({
  maxReceivedPerSecond: Math.max(0, ...ws.map((w) => w.received)),
  maxAcceptedPerSecond: Math.max(0, ...ws.map((w) => w.accepted)),
  limited: ws.reduce((a, w) => a + w.limited, 0),
});

// 1. RecDesk's client: token bucket + jittered retries.
const client = createLiveClient({
  endpoint: sim.url,
  secretId: sim.secretId,
  secretKey: sim.secretKey,
  rateLimits: { StopLiveRecord: LIMIT },
});
let t0 = performance.now();
const ours = await Promise.all(
  sim.listTasks().map((t) => client.stopLiveRecord({ streamName: t.streamName, taskId: t.taskId })),
);
const oursSeconds = (performance.now() - t0) / 1000;
const oursWindows = windowsSummary(sim.rateWindows("StopLiveRecord"));
const oursStats = client.stats();
const oursLatencies = ours.map((r) => r.latencyMs).sort((a, b) => a - b);

// 2. Naive: the official SDK, every call fired at once, no throttle, no retry.
sim.reset({ seed: 1, streams: 500, tasks: CALLS });
await new Promise((r) => setTimeout(r, 1100 - (Date.now() % 1000))); // start in a fresh second
const sdk = new CommonClient("live.tencentcloudapi.com", "2018-08-01", {
  credential: { secretId: sim.secretId, secretKey: sim.secretKey },
  region: "",
  profile: { httpProfile: { endpoint: `127.0.0.1:${sim.port}`, protocol: "http://", reqTimeout: 30 } },
});
t0 = performance.now();
const naive = await Promise.all(
  sim.listTasks().map((t) =>
    sdk.request("StopLiveRecord", { StreamName: t.streamName, TaskId: BigInt(t.taskId) }).then(
      () => "ok",
      (e: { code?: string }) => e.code ?? "network",
    ),
  ),
);
const naiveSeconds = (performance.now() - t0) / 1000;
const naiveWindows = windowsSummary(sim.rateWindows("StopLiveRecord"));
const count = (code: string) => naive.filter((c) => c === code).length;
await sim.close();

const oursOk = ours.filter((r) => r.ok).length;
const rows: [string, string, string][] = [
  ["calls", String(CALLS), String(CALLS)],
  ["succeeded", String(oursOk), String(count("ok"))],
  ["failed (lost)", String(CALLS - oursOk), String(CALLS - count("ok"))],
  [
    "  of which RequestLimitExceeded",
    String(ours.filter((r) => !r.ok && r.kind === "rate-limit").length),
    String(count("RequestLimitExceeded")),
  ],
  ["retries", String(oursStats.retries), "0 (SDK never retries)"],
  ["throttled waits (client-side)", String(oursStats.throttledWaits), "0"],
  ["wall time (s)", oursSeconds.toFixed(2), naiveSeconds.toFixed(2)],
  ["achieved successful calls/s", (oursOk / oursSeconds).toFixed(1), (count("ok") / naiveSeconds).toFixed(1)],
  [
    "achieved ÷ 200/s limit",
    (oursOk / oursSeconds / LIMIT).toFixed(3),
    (count("ok") / naiveSeconds / LIMIT).toFixed(3),
  ],
  [
    "max requests seen in one second (sim)",
    String(oursWindows.maxReceivedPerSecond),
    String(naiveWindows.maxReceivedPerSecond),
  ],
  ["refused by the simulator", String(oursWindows.limited), String(naiveWindows.limited)],
  [
    "latency p50 / p99 (ms)",
    `${oursLatencies[Math.floor(CALLS * 0.5)]} / ${oursLatencies[Math.floor(CALLS * 0.99)]}`,
    "n/a",
  ],
];
const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(24, ...rows.map((r) => r[1].length));
console.log(`\nStopLiveRecord × ${CALLS} against the simulator (latency ${LATENCY_MS} ms, limit ${LIMIT}/s)\n`);
console.log(`${"".padEnd(w0)}  ${"RecDesk client".padEnd(w1)}  naive official SDK`);
console.log(`${"-".repeat(w0)}  ${"-".repeat(w1)}  ${"-".repeat(22)}`);
for (const [k, a, b] of rows) console.log(`${k.padEnd(w0)}  ${a.padEnd(w1)}  ${b}`);

mkdirSync("bench/results", { recursive: true });
writeFileSync(
  "bench/results/client.json",
  JSON.stringify({ at: new Date().toISOString(), calls: CALLS, limit: LIMIT, latencyMs: LATENCY_MS, rows }, null, 2),
);
