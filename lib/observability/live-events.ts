import type { LiveClientEvent } from "@/lib/tencent-live/client-types";
import { componentLogger } from "./logger";
import { getMetrics, labelValue } from "./metrics";

// The Live API client's onEvent hook, turned into log lines and metrics. The event carries no credentials and
// no parameters (so no stream name): action, attempt, code, RequestId and timing only.

interface LiveHealth {
  lastSuccessAt?: number;
  lastFailure?: { at: number; code: string };
}
const HEALTH_KEY = Symbol.for("recdesk.observability.live-health");

function liveHealth(): LiveHealth {
  const g = globalThis as unknown as Record<symbol, LiveHealth | undefined>;
  g[HEALTH_KEY] ??= {};
  return g[HEALTH_KEY];
}

/** When this process last had an answer from Tencent ("ok"), and its last failure: for the readiness probe. */
export function liveCallHealth(): Readonly<LiveHealth> {
  return liveHealth();
}

export function observeLiveEvent(e: LiveClientEvent): void {
  const log = componentLogger("tencent-live");
  const m = getMetrics();
  if (e.type === "answer") {
    const code = labelValue(e.code);
    m.liveRequests.inc({ action: e.action, code });
    m.liveDuration.observe({ action: e.action }, e.latencyMs / 1000);
    const health = liveHealth();
    if (e.code === "ok") health.lastSuccessAt = Date.now();
    else health.lastFailure = { at: Date.now(), code };
    const line = {
      event: "live.call",
      action: e.action,
      code: e.code,
      requestId: e.requestId,
      latencyMs: e.latencyMs,
      attempt: e.attempt,
    };
    if (e.code === "ok") log.info(line, `${e.action} ok`);
    else log.warn(line, `${e.action} failed: ${e.code}`);
  } else if (e.type === "retry") {
    m.liveRetries.inc({ action: e.action, reason: labelValue(e.code) });
    log.warn(
      { event: "live.retry", action: e.action, attempt: e.attempt, code: e.code, delayMs: e.delayMs },
      `retrying ${e.action} after ${e.code} in ${e.delayMs} ms`,
    );
  } else if (e.type === "throttled") {
    log.debug({ event: "live.throttled", action: e.action, waitedMs: Math.round(e.waitedMs) }, "rate limit wait");
  }
}
