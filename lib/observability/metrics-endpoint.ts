import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { connectGaugeSources } from "./gauges";
import { getMetrics } from "./metrics";
import { observabilitySettings } from "./settings";

/** Who may scrape: "disabled" without RECDESK_METRICS_TOKEN, else the bearer token must match it exactly. */
export function metricsAccess(authorization: string | null): "disabled" | "denied" | "allowed" {
  const token = observabilitySettings(process.env, true).RECDESK_METRICS_TOKEN;
  if (!token) return "disabled";
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!m) return "denied";
  // Compared as digests: equal lengths for timingSafeEqual, and no timing hint about the token's length.
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(m[1]!), digest(token)) ? "allowed" : "denied";
}

export async function scrapeMetrics(): Promise<{ body: string; contentType: string }> {
  connectGaugeSources();
  const { registry } = getMetrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
