import "server-only";
import { getConfig } from "@/lib/config";
import { createLiveClient, type LiveClient } from "./client";
import { ensureDemoSimulator } from "./demo-simulator";
import { observeLiveEvent } from "@/lib/observability/live-events";

export type * from "./types";
export type { LiveClient } from "./client";

const KEY = Symbol.for("recdesk.tencent-live.client");

/**
 * The process-wide Live API client (kept on globalThis so Next's dev reloads and the several bundles of
 * one server process share one client, one set of keep-alive sockets and one set of rate limits).
 * In demo mode it first starts the demo simulator (a worker thread) and talks to it over real HTTP, exactly as it
 * would talk to Tencent Cloud.
 */
export function getLiveClient(): Promise<LiveClient> {
  const g = globalThis as unknown as Record<symbol, Promise<LiveClient> | undefined>;
  g[KEY] ??= buildClient().catch((err: unknown) => {
    g[KEY] = undefined; // let the next caller try again instead of caching the failure forever
    throw err;
  });
  return g[KEY];
}

/** StopLiveRecord's limit as this server applies it: Tencent's 200/s, or RECDESK_STOP_RATE_LIMIT below it. */
export function stopLiveRecordLimit(): number {
  return Math.min(200, getConfig().stopRateLimit);
}

async function buildClient(): Promise<LiveClient> {
  const config = getConfig();
  const rateLimits = { StopLiveRecord: stopLiveRecordLimit() };
  // Every attempt is logged and counted (lib/observability): action, code, RequestId, latency, attempt.
  const onEvent = observeLiveEvent;
  if (config.demoMode) {
    const sim = await ensureDemoSimulator();
    return createLiveClient({
      endpoint: sim.url,
      secretId: sim.secretId,
      secretKey: sim.secretKey,
      sessionToken: sim.sessionToken,
      timeoutMs: config.tencent.timeoutMs,
      region: config.tencent.region,
      rateLimits,
      onEvent,
    });
  }
  return createLiveClient({
    endpoint: config.tencent.endpoint,
    secretId: config.tencent.secretId!,
    secretKey: config.tencent.secretKey!,
    sessionToken: config.tencent.sessionToken,
    timeoutMs: config.tencent.timeoutMs,
    region: config.tencent.region,
    rateLimits,
    onEvent,
  });
}
