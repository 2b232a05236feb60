import { isRateLimitCode } from "./errors";
import { TransportError, type RawResponse } from "./transport";
import type { LiveAction, LiveResult, OnlineStream } from "./types";
import { parseLossless, toNumber } from "./wire";

// What one attempt's answer means: the wire's failures and Tencent's envelope turned into a result, and whether
// the client may try again. The client's retry loop (client.ts) only reads `retryable`.

export type Json = Record<string, unknown>;
type Failure = Extract<LiveResult<never>, { ok: false }>;
export type AttemptResult =
  { ok: true; requestId: string; response: Json } | (Omit<Failure, "attempts" | "latencyMs"> & { retryable: boolean });

/** A failure before any answer: our timeout or a cancel (not retried: the call may have taken effect), or the connection (retried). */
export function transportFailure(err: unknown, action: LiveAction, timeoutMs: number): AttemptResult {
  if (err instanceof TransportError) {
    const f = err.failure;
    if (f.kind === "timeout")
      return {
        ok: false,
        code: "RecDesk.Timeout",
        message: `Tencent Cloud did not answer ${action} within ${timeoutMs} ms`,
        kind: "timeout",
        retryable: false,
      };
    if (f.kind === "aborted")
      return {
        ok: false,
        code: "RecDesk.Aborted",
        message: `${action} was cancelled before an answer arrived`,
        kind: "timeout",
        retryable: false,
      };
    return {
      ok: false,
      code: "RecDesk.NetworkError",
      message: `${action}: ${f.errorCode ? `${f.errorCode} ` : ""}${f.message}`,
      kind: "network",
      retryable: true,
    };
  }
  return { ok: false, code: "RecDesk.NetworkError", message: String(err), kind: "network", retryable: true };
}

/** Tencent's answer: an HTTP 200 with the {"Response": …} envelope, an error inside it, or something else. */
export function readResponse(raw: RawResponse): AttemptResult {
  // Tencent answers everything, errors included, with HTTP 200; anything else came from something in
  // between (gateway, load balancer), so we treat it like a dropped connection and retry it.
  if (raw.status !== 200) {
    return {
      ok: false,
      code: "RecDesk.NetworkError",
      message: `HTTP ${raw.status} ${raw.statusText}`.trim(),
      kind: "network",
      retryable: true,
    };
  }
  let parsed: unknown;
  try {
    parsed = parseLossless(raw.body);
  } catch {
    return {
      ok: false,
      code: "RecDesk.MalformedResponse",
      message: `not JSON: ${raw.body.slice(0, 80)}`,
      kind: "malformed",
      retryable: false,
    };
  }
  const response = isObject(parsed) ? parsed.Response : undefined;
  if (!isObject(response)) {
    return {
      ok: false,
      code: "RecDesk.MalformedResponse",
      message: "JSON without the Response envelope",
      kind: "malformed",
      retryable: false,
    };
  }
  const requestId = typeof response.RequestId === "string" ? response.RequestId : undefined;
  if (response.Error !== undefined) {
    const e = isObject(response.Error) ? response.Error : {};
    const code = typeof e.Code === "string" ? e.Code : "";
    const message = typeof e.Message === "string" ? e.Message : "";
    if (!code)
      return {
        ok: false,
        requestId,
        code: "RecDesk.MalformedResponse",
        message: "Response.Error without a Code",
        kind: "malformed",
        retryable: false,
      };
    const limited = isRateLimitCode(code);
    return { ok: false, requestId, code, message, kind: limited ? "rate-limit" : "api", retryable: limited };
  }
  if (!requestId)
    return {
      ok: false,
      code: "RecDesk.MalformedResponse",
      message: "Response without a RequestId",
      kind: "malformed",
      retryable: false,
    };
  return { ok: true, requestId, response };
}

export function toOnlineStream(o: Json): OnlineStream {
  const times = Array.isArray(o.PublishTimeList) ? o.PublishTimeList : [];
  return {
    streamName: String(o.StreamName ?? ""),
    appName: String(o.AppName ?? ""),
    domainName: String(o.DomainName ?? ""),
    publishTimes: times
      .filter(isObject)
      .map((t) => String(t.PublishTime ?? ""))
      .filter(Boolean),
    pushToDelay: toNumber(o.PushToDelay),
  };
}

export function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * A call that never left RecDesk because no client could be had (bad configuration): the client itself never
 * throws, so this is the one failure callers build themselves.
 */
export function clientUnavailable(err: unknown): Extract<LiveResult<never>, { ok: false }> {
  const message = err instanceof Error ? err.message : String(err);
  return { ok: false, code: "RecDesk.NetworkError", message, kind: "network", attempts: 0, latencyMs: 0 };
}
