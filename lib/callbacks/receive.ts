import "server-only";
import { parseLiveCallback } from "@/lib/tencent-live/callback-types";
import { dedupKey, parseEnvelope } from "./envelope";
import { readCappedBody } from "./read-body";
import { countCallback } from "@/lib/observability/metrics";
import { recordCallbackRefusal, type CallbackRefusal } from "./refusals";
import { checkSignature } from "./signature";
import type { StoreEvent } from "./store";

export interface ReceiveDeps {
  /** null: the endpoint is off (no TENCENTCLOUD_CALLBACK_KEY outside demo mode). */
  key: string | null;
  /** Stores the event once (lib/callbacks/store.ts); a rejection is answered 503. */
  store: StoreEvent;
  /** Told about each newly stored event, to process it after the answer. */
  onStored: (eventId: number) => void;
  nowSeconds?: () => number;
}

const STATUS: Record<CallbackRefusal, number> = {
  off: 404,
  "too-large": 413,
  malformed: 400,
  "bad-signature": 401,
  expired: 401,
  "too-far-ahead": 401,
  "store-failed": 503,
};

function refuse(reason: CallbackRefusal, detail: { eventType?: number; message?: string } = {}): Response {
  recordCallbackRefusal(reason, detail);
  // Tencent only looks at the status; the body says why, for a person testing the set-up with curl.
  return Response.json(
    { code: -1, message: reason },
    { status: STATUS[reason], headers: { "Cache-Control": "no-store" } },
  );
}

/**
 * POST /api/callbacks/live. Tencent's signature is the only authentication. An accepted callback is stored
 * before it is answered, and processed afterwards, so the answer comes in milliseconds (Tencent waits about 20 s)
 * and a crash after the answer loses nothing: unprocessed rows are picked up again. A failed store answers 503
 * so that Tencent retries.
 */
export async function receiveCallback(request: Request, deps: ReceiveDeps): Promise<Response> {
  if (!deps.key) return refuse("off");
  const body = await readCappedBody(request);
  if (!body.ok) return refuse(body.reason === "too-large" ? "too-large" : "malformed");
  const envelope = parseEnvelope(body.text);
  if (!envelope) return refuse("malformed");
  const now = deps.nowSeconds?.() ?? Math.floor(Date.now() / 1000);
  const check = checkSignature(deps.key, envelope.t, envelope.sign, now);
  if (!check.ok) return refuse(check.reason, { eventType: envelope.eventType });
  // Checked after the signature, so that an unsigned caller learns nothing about what a valid body looks like.
  const valid = parseLiveCallback(envelope.body);
  if (!valid.ok) return refuse("malformed", { eventType: envelope.eventType, message: valid.message });
  let stored;
  try {
    stored = await deps.store({
      dedupKey: dedupKey(envelope.body),
      eventType: envelope.eventType,
      rawBody: body.text,
    });
  } catch (err) {
    return refuse("store-failed", { eventType: envelope.eventType, message: (err as Error).message });
  }
  if (stored.isNew) deps.onStored(stored.id);
  countCallback(String(envelope.eventType), stored.isNew ? "accepted" : "duplicate");
  return Response.json({ code: 0 }, { headers: { "Cache-Control": "no-store" } });
}
