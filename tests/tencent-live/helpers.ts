import { createLiveClient, type LiveClientOptions } from "@/lib/tencent-live/client";
import { signTc3 } from "@/lib/tencent-live/signer";
import { startSimulator, type Simulator, type SimulatorOptions } from "@/lib/tencent-live/simulator";

export async function simulator(o: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({
    streams: 30,
    tasks: 12,
    seed: 42,
    secretId: "AKIDtestSimulator",
    secretKey: "test-secret-key",
    ...o,
  });
}

/** A client with test-sized timeouts and back-off. */
export function clientFor(
  sim: Pick<Simulator, "url" | "secretId" | "secretKey" | "sessionToken">,
  o: Partial<LiveClientOptions> = {},
) {
  return createLiveClient({
    endpoint: sim.url,
    secretId: sim.secretId,
    secretKey: sim.secretKey,
    sessionToken: sim.sessionToken,
    timeoutMs: 2_000,
    retryBaseMs: 20,
    retryMaxDelayMs: 200,
    ...o,
  });
}

export interface RawCall {
  action?: string;
  version?: string | null;
  body?: string;
  /** Sign this body but send `body` (a tampered request). */
  signedBody?: string;
  secretId?: string;
  secretKey?: string;
  service?: string;
  timestamp?: number;
  token?: string;
  /** Extra signed header names; each is sent too unless listed in `dropHeaders`. */
  extraSigned?: Record<string, string>;
  dropHeaders?: string[];
  authorization?: string | null;
  contentType?: string;
}

/** One hand-built, hand-signed request, for the error paths the real client never produces. */
export async function rawCall(
  sim: Simulator,
  c: RawCall = {},
): Promise<{
  status: number;
  text: string;
  json: { Response: Record<string, unknown> & { Error?: { Code: string; Message: string }; RequestId: string } };
}> {
  const host = new URL(sim.url).host;
  const action = c.action ?? "DescribeLiveDomains";
  const body = c.body ?? "{}";
  const timestamp = c.timestamp ?? Math.floor(Date.now() / 1000);
  const contentType = c.contentType ?? "application/json";
  const signed = signTc3({
    secretId: c.secretId ?? sim.secretId,
    secretKey: c.secretKey ?? sim.secretKey,
    service: c.service ?? "live",
    timestamp,
    signedHeaders: { "content-type": contentType, host, ...c.extraSigned },
    payload: c.signedBody ?? body,
  });
  const headers: Record<string, string> = {
    "content-type": contentType,
    "x-tc-action": action,
    "x-tc-timestamp": String(timestamp),
    ...c.extraSigned,
  };
  if (c.version !== null) headers["x-tc-version"] = c.version ?? "2018-08-01";
  if (c.authorization !== null) headers.authorization = c.authorization ?? signed.authorization;
  const token = c.token ?? sim.sessionToken;
  if (token) headers["x-tc-token"] = token;
  for (const h of c.dropHeaders ?? []) delete headers[h];
  const res = await fetch(`${sim.url}/`, { method: "POST", headers, body });
  const text = await res.text();
  return {
    status: res.status,
    text,
    json: res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : undefined,
  };
}

export async function errorCode(sim: Simulator, c: RawCall = {}): Promise<string | undefined> {
  const r = await rawCall(sim, c);
  return r.json.Response.Error?.Code;
}
