import "server-only";

/*
 * Every refused callback goes through recordCallbackRefusal, and nowhere else: refusals are counted and
 * logged, but never written to the audit chain, so a flood of forged callbacks cannot fill it. (The ops
 * metrics, recdesk_callbacks_total{event,result}, and structured logging are wired in here.)
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
/** At most one log line per reason per interval, so a flood does not flood the log either. */
const LOG_EVERY_MS = 10_000;
const lastLogged = new Map<CallbackRefusal, number>();

export function recordCallbackRefusal(reason: CallbackRefusal, detail: { eventType?: number; message?: string } = {}) {
  counts.set(reason, (counts.get(reason) ?? 0) + 1);
  const now = Date.now();
  if (now - (lastLogged.get(reason) ?? 0) < LOG_EVERY_MS) return;
  lastLogged.set(reason, now);
  const event = detail.eventType === undefined ? "" : ` event_type=${detail.eventType}`;
  const message = detail.message ? ` (${detail.message})` : "";
  console.warn(
    `[callbacks] refused: ${reason}${event}${message}; ${counts.get(reason)} refused for this reason since start`,
  );
}

/** The refusal counters since the process started, for tests and the bench. */
export function callbackRefusalCounts(): Record<string, number> {
  return Object.fromEntries(counts);
}
