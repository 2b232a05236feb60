import "server-only";
import { logRefusedCallback } from "@/lib/observability/callback-log";
import { countCallback } from "@/lib/observability/metrics";

/*
 * Every refused callback goes through recordCallbackRefusal, and nowhere else: refusals are counted and
 * logged, but never written to the audit chain, so a flood of forged callbacks cannot fill it. Every refusal
 * counts in recdesk_callbacks_total{event,result=<reason>}; the log gets at most one line per reason per
 * interval, so a flood does not flood the log either.
 */

export type CallbackRefusal =
  | "off" // no key configured: 404
  | "too-large" // body over the cap: 413
  | "malformed" // not a JSON object with event_type, t and sign: 400
  | "bad-signature" // 401
  | "expired" // 401
  | "too-far-ahead" // 401
  | "store-failed"; // the database refused the row: 503, Tencent retries

const counts = new Map<CallbackRefusal, number>();
const LOG_EVERY_MS = 10_000;
const lastLogged = new Map<CallbackRefusal, number>();

export function recordCallbackRefusal(reason: CallbackRefusal, detail: { eventType?: number; message?: string } = {}) {
  counts.set(reason, (counts.get(reason) ?? 0) + 1);
  countCallback(detail.eventType === undefined ? "unknown" : String(detail.eventType), reason);
  const now = Date.now();
  if (now - (lastLogged.get(reason) ?? 0) < LOG_EVERY_MS) return;
  lastLogged.set(reason, now);
  logRefusedCallback({ reason, eventType: detail.eventType });
}

/** The refusal counters since the process started, for tests and the bench. */
export function callbackRefusalCounts(): Record<string, number> {
  return Object.fromEntries(counts);
}
