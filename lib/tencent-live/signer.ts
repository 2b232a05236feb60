import { createHash, createHmac, timingSafeEqual } from "node:crypto";

// TC3-HMAC-SHA256, written out rather than borrowed from the SDK: the SDK's signer re-serialises the
// payload object with json-bigint, while we must sign the exact bytes we send (and the simulator must
// verify the exact bytes it received). No server-only import: the simulator shares this file.

export const TC3_ALGORITHM = "TC3-HMAC-SHA256";

export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

function hmac(key: string | Buffer, msg: string): Buffer {
  return createHmac("sha256", key).update(msg, "utf8").digest();
}

/** The credential-scope date: the UTC day of the timestamp (local time breaks calls 00:00–08:00 in Beijing). */
export function utcDate(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

export interface CanonicalRequestParts {
  method: string;
  /** Query string for GET, "" for POST. */
  query?: string;
  /** Lower-case header name → value, for exactly the headers being signed. */
  headers: Record<string, string>;
  payload: string | Uint8Array;
}

export function canonicalRequest(p: CanonicalRequestParts): { text: string; signedHeaders: string } {
  const names = Object.keys(p.headers)
    .map((n) => n.toLowerCase())
    .sort();
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(p.headers)) lower[k.toLowerCase()] = v;
  const canonicalHeaders = names.map((n) => `${n}:${String(lower[n]).trim().toLowerCase()}\n`).join("");
  const signedHeaders = names.join(";");
  const text = [p.method.toUpperCase(), "/", p.query ?? "", canonicalHeaders, signedHeaders, sha256Hex(p.payload)].join(
    "\n",
  );
  return { text, signedHeaders };
}

export function stringToSign(timestamp: number, service: string, canonical: string): string {
  return `${TC3_ALGORITHM}\n${timestamp}\n${utcDate(timestamp)}/${service}/tc3_request\n${sha256Hex(canonical)}`;
}

/** SecretDate → SecretService → SecretSigning, raw bytes. */
export function signingKey(secretKey: string, date: string, service: string): Buffer {
  return hmac(hmac(hmac(`TC3${secretKey}`, date), service), "tc3_request");
}

export function signatureHex(key: Buffer, toSign: string): string {
  return createHmac("sha256", key).update(toSign, "utf8").digest("hex");
}

export interface SignInput {
  secretId: string;
  secretKey: string;
  /** Credential-scope service; "live" for the Live API. */
  service: string;
  timestamp: number;
  method?: string;
  query?: string;
  /** Lower-case name → value for every signed header (at least content-type and host). */
  signedHeaders: Record<string, string>;
  payload: string | Uint8Array;
}

export interface SignOutput {
  authorization: string;
  signature: string;
  canonicalRequest: string;
  stringToSign: string;
  credentialScope: string;
  signedHeaders: string;
}

export function signTc3(i: SignInput): SignOutput {
  const { text, signedHeaders } = canonicalRequest({
    method: i.method ?? "POST",
    query: i.query,
    headers: i.signedHeaders,
    payload: i.payload,
  });
  const date = utcDate(i.timestamp);
  const credentialScope = `${date}/${i.service}/tc3_request`;
  const sts = stringToSign(i.timestamp, i.service, text);
  const signature = signatureHex(signingKey(i.secretKey, date, i.service), sts);
  return {
    authorization: `${TC3_ALGORITHM} Credential=${i.secretId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    signature,
    canonicalRequest: text,
    stringToSign: sts,
    credentialScope,
    signedHeaders,
  };
}

export interface ParsedAuthorization {
  secretId: string;
  date: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** Parses an Authorization header; undefined when it is not a well-formed TC3 header. */
export function parseAuthorization(header: string | undefined): ParsedAuthorization | undefined {
  if (!header) return undefined;
  const m =
    /^TC3-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{4}-\d{2}-\d{2})\/([^/,\s]+)\/tc3_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
      header.trim(),
    );
  if (!m) return undefined;
  return { secretId: m[1]!, date: m[2]!, service: m[3]!, signedHeaders: m[4]!.split(";"), signature: m[5]! };
}

/** Constant-time comparison of two hex signatures. */
export function sameSignature(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}
