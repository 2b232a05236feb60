import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { countCallback, countSignIn, getMetrics, labelValue, timeAuditAppend } from "@/lib/observability/metrics";
import { observeLiveEvent } from "@/lib/observability/live-events";
import { createTokenBucket } from "@/lib/tencent-live/limiter";
import type { Simulator } from "@/lib/tencent-live/simulator";
import { GET } from "@/app/api/metrics/route";
import { clientFor, simulator } from "../tencent-live/helpers";

// /api/metrics through the route handler, fed by a real client against the simulator over HTTP.

const TOKEN = "metrics-token-for-tests-0123456789";

async function scrape(authorization?: string) {
  return GET(new Request("http://localhost/api/metrics", authorization ? { headers: { authorization } } : {}));
}

describe("GET /api/metrics", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await simulator();
  });
  afterAll(async () => {
    await sim?.close();
  });
  afterEach(() => {
    delete process.env.RECDESK_METRICS_TOKEN;
  });

  it("does not exist (404) while RECDESK_METRICS_TOKEN is unset, and refuses a missing or wrong token (401)", async () => {
    expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(404);
    process.env.RECDESK_METRICS_TOKEN = TOKEN;
    expect((await scrape()).status).toBe(401);
    expect((await scrape(`Bearer ${TOKEN}x`)).status).toBe(401);
    expect((await scrape(`Basic ${TOKEN}`)).status).toBe(401);
    const ok = await scrape(`Bearer ${TOKEN}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toContain("text/plain");
  });

  it("counts upstream calls, answer codes, latency and retries by action, and never labels a stream name", async () => {
    process.env.RECDESK_METRICS_TOKEN = TOKEN;
    const client = clientFor(sim, { onEvent: observeLiveEvent });
    const task = sim.listTasks()[0]!;
    expect((await client.stopLiveRecord({ streamName: task.streamName, taskId: task.taskId })).ok).toBe(true);
    const missing = await client.stopLiveRecord({ streamName: "nobody_here", taskId: "4242" });
    expect(missing.ok).toBe(false);
    sim.inject({ action: "DescribeLiveStreamState", mode: "http502" });
    await client.describeLiveStreamState({ appName: "live", domainName: "d", streamName: task.streamName });
    countSignIn("ok");
    countSignIn("invalid");
    countCallback("100", "stored");
    countCallback("<script>", "refused");
    await timeAuditAppend(async () => {});

    const text = await (await scrape(`Bearer ${TOKEN}`)).text();
    expect(text).toContain('recdesk_live_requests_total{action="StopLiveRecord",code="ok"} 1');
    expect(text).toMatch(/recdesk_live_requests_total\{action="StopLiveRecord",code="ResourceNotFound\.TaskId"\} 1/);
    expect(text).toContain('recdesk_live_request_duration_seconds_count{action="StopLiveRecord"} 2');
    expect(text).toContain(
      'recdesk_live_retries_total{action="DescribeLiveStreamState",reason="RecDesk.NetworkError"} 1',
    );
    expect(text).toContain('recdesk_signin_attempts_total{result="ok"} 1');
    expect(text).toContain('recdesk_callbacks_total{event="100",result="stored"} 1');
    expect(text).toContain('recdesk_callbacks_total{event="other",result="refused"} 1');
    expect(text).toContain("recdesk_audit_append_duration_seconds_count 1");
    expect(text).toContain("# TYPE recdesk_limiter_queue_depth gauge");
    expect(text).toContain("# TYPE recdesk_bulk_items gauge");
    expect(text).toContain("process_cpu_user_seconds_total");
    expect(text).toContain("nodejs_eventloop_lag_seconds");
    // Labels hold action names, codes and fixed words only.
    expect(text).not.toContain(task.streamName);
    expect(text).not.toContain("nobody_here");
    expect(text).not.toContain(sim.secretKey);
  });

  it("keeps one registry per process on globalThis (Next's bundles each load this module)", () => {
    expect((globalThis as Record<symbol, unknown>)[Symbol.for("recdesk.observability.metrics")]).toBe(getMetrics());
  });
});

describe("label values", () => {
  it("keeps a code, and turns free text (an email, spaces, markup) into 'other'", () => {
    expect(labelValue("FailedOperation.AlterTaskState")).toBe("FailedOperation.AlterTaskState");
    expect(labelValue("someone@example.com")).toBe("other");
    expect(labelValue("a stream name")).toBe("other");
    expect(labelValue(undefined)).toBe("none");
  });

  it("a limiter reports every waiter, bounded or not, for recdesk_limiter_queue_depth", async () => {
    let t = 0;
    const bucket = createTokenBucket(1, () => t);
    await bucket.acquire();
    void bucket.acquire();
    void bucket.acquire(undefined, { maxQueued: 5 });
    expect(bucket.waiting()).toBe(2);
    expect(bucket.boundedWaiting()).toBe(1);
    t = 10_000;
  });
});
