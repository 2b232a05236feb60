// The load generator of npm run bench:callbacks, in its own process as Tencent is on its own machines: sends
// signed callbacks to the receiver at a steady rate (open loop), a share of them retries of earlier events
// re-signed, and prints one JSON line with what it sent and how each was answered.
// argv: port rate seconds retryShare warmup key
import http from "node:http";
import { callbackSign } from "@/lib/tencent-live/callback-types";

const [port, RATE, SECONDS, RETRY_SHARE, WARMUP] = process.argv.slice(2, 7).map(Number) as [
  number,
  number,
  number,
  number,
  number,
];
const KEY = process.argv[7]!;

let n = 0;
/** One distinct event: mostly record files and record statuses, some stream begin/end, as a busy account sends. */
function nextEvent(): Record<string, unknown> {
  const i = ++n;
  const now = Math.floor(Date.now() / 1000);
  const stream = `bench_${i % 400}`;
  switch (i % 4) {
    case 0:
    case 1:
      return {
        event_type: 100,
        appid: 1250000000,
        app: "push.example.com",
        appname: "live",
        stream_id: stream,
        channel_id: stream,
        file_id: `5285890${String(i).padStart(12, "0")}`,
        file_format: i % 3 ? "mp4" : "hls",
        task_id: "",
        start_time: now - 1800,
        end_time: now - 5,
        duration: 1795,
        file_size: 561_000_000 + i,
        video_url: `https://1250000000.vod2.myqcloud.com/bench/${i}/f0.mp4`,
      };
    case 2:
      return {
        event_type: 332,
        appid: 1250000000,
        domain: "push.example.com",
        appname: "live",
        stream_id: stream,
        task_id: `task-${i}`,
        session_id: `s-${i}`,
        seq: i,
        event_time: now,
        record_event: i % 8 === 2 ? "record_ended" : "record_start_succeeded",
      };
    default:
      return {
        event_type: i % 8 === 3 ? 1 : 0,
        appid: 1250000000,
        app: "push.example.com",
        appname: "live",
        stream_id: stream,
        channel_id: stream,
        event_time: now,
        sequence: String(i),
      };
  }
}

function sign(body: Record<string, unknown>): string {
  const t = Math.floor(Date.now() / 1000) + 600;
  return JSON.stringify({ ...body, t, sign: callbackSign(KEY, t) });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const latencies: number[] = [];
const statuses: Record<string, number> = {};
const sent: Record<string, unknown>[] = [];
let inflight = 0;
let maxInflight = 0;

function post(body: string): Promise<void> {
  inflight++;
  maxInflight = Math.max(maxInflight, inflight);
  const t0 = performance.now();
  const done = (status: number) => {
    latencies.push(performance.now() - t0);
    statuses[status] = (statuses[status] ?? 0) + 1;
    inflight--;
  };
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: "/api/callbacks/live",
        method: "POST",
        agent,
        headers: { "content-type": "application/json" },
      },
      (res) => {
        res.resume();
        res.on("end", () => {
          done(res.statusCode ?? 0);
          resolve();
        });
      },
    );
    req.on("error", () => {
      done(-1);
      resolve();
    });
    req.end(body);
  });
}

async function send(count: number, rate: number): Promise<void> {
  const pending: Promise<void>[] = [];
  const t0 = performance.now();
  let issued = 0;
  while (issued < count) {
    const due = Math.min(count, Math.floor(((performance.now() - t0) / 1000) * rate) + 1);
    for (; issued < due; issued++) {
      const retry = sent.length > 10 && Math.random() < RETRY_SHARE;
      const body = retry ? sent[Math.floor(Math.random() * sent.length)]! : nextEvent();
      if (!retry) sent.push(body);
      pending.push(post(sign(body)));
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  await Promise.all(pending);
}

// Warm-up (not timed, but counted like the rest): the first queries of a fresh PGlite compile.
await send(WARMUP, WARMUP);
await new Promise((r) => setTimeout(r, 500));
latencies.length = 0;
maxInflight = 0;
const started = performance.now();
await send(RATE * SECONDS, RATE);
const sendSeconds = (performance.now() - started) / 1000;
agent.destroy();
process.stdout.write(
  `${JSON.stringify({
    sendSeconds,
    maxInflight,
    latencies: latencies.sort((a, b) => a - b),
    statuses,
    distinct: sent.length,
    distinctFiles: sent.filter((b) => b.event_type === 100).length,
  })}\n`,
);
