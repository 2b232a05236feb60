import "server-only";
import { randomUUID } from "node:crypto";
import { readResponse, transportFailure, type AttemptResult, type Json } from "./response";
import { signTc3 } from "./signer";
import { postJson } from "./transport";
import { LIVE_API_VERSION, type LiveAction } from "./types";
import { stringifyLossless } from "./wire";

/** One call as the client's retry loop sees it. */
export interface CallSpec {
  action: LiveAction;
  params: Json;
  retry: boolean;
  timeoutMs: number;
  signal?: AbortSignal;
  maxQueued?: number;
  /** X-TC-Region: required by the RecordTask family, not sent for the legacy actions (their docs say not to). */
  region?: string;
}

export interface SigningCredentials {
  url: URL;
  service: string;
  secretId: string;
  secretKey: string;
  sessionToken?: string;
}

/**
 * One attempt on the wire: TC3-HMAC-SHA256 over the exact bytes sent (TaskIds as exact JSON integers), then the
 * answer read losslessly. Never throws: a transport failure comes back as a failed attempt.
 */
export async function sendSignedRequest(c: SigningCredentials, spec: CallSpec): Promise<AttemptResult> {
  const body = stringifyLossless(spec.params);
  const timestamp = Math.floor(Date.now() / 1000);
  const contentType = "application/json";
  const signed = signTc3({
    secretId: c.secretId,
    secretKey: c.secretKey,
    service: c.service,
    timestamp,
    signedHeaders: { "content-type": contentType, host: c.url.host, "x-tc-action": spec.action },
    payload: body,
  });
  const headers: Record<string, string> = {
    Authorization: signed.authorization,
    "Content-Type": contentType,
    Host: c.url.host,
    "X-TC-Action": spec.action,
    "X-TC-Version": LIVE_API_VERSION,
    "X-TC-Timestamp": String(timestamp),
    "X-TC-TraceId": randomUUID(),
  };
  if (c.sessionToken) headers["X-TC-Token"] = c.sessionToken;
  if (spec.region) headers["X-TC-Region"] = spec.region;

  try {
    return readResponse(await postJson({ url: c.url, headers, body, timeoutMs: spec.timeoutMs, signal: spec.signal }));
  } catch (err) {
    return transportFailure(err, spec.action, spec.timeoutMs);
  }
}
