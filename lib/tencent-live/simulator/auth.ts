import type { IncomingHttpHeaders } from "node:http";
import {
  canonicalRequest,
  parseAuthorization,
  sameSignature,
  signatureHex,
  signingKey,
  stringToSign,
  utcDate,
} from "../signer";

// TC3-HMAC-SHA256 verification over the exact bytes received, with Tencent's error codes and messages.

export interface SimCredentials {
  secretId: string;
  secretKey: string;
  sessionToken?: string;
}

export interface AuthError {
  code: string;
  message: string;
}

const MAX_SKEW_S = 300;

export function verifyRequest(
  headers: IncomingHttpHeaders,
  body: Buffer,
  creds: SimCredentials,
  nowS = Math.floor(Date.now() / 1000),
): AuthError | undefined {
  const auth = parseAuthorization(header(headers, "authorization"));
  if (!auth)
    return {
      code: "AuthFailure.InvalidAuthorization",
      message: "Authorization header is missing or not in the TC3-HMAC-SHA256 format.",
    };

  const tsText = header(headers, "x-tc-timestamp");
  if (!tsText) return { code: "MissingParameter", message: "The request is missing a required parameter `Timestamp`." };
  if (!/^\d{1,12}$/.test(tsText))
    return {
      code: "InvalidParameterValue",
      message: "The value of parameter `Timestamp` is not a Unix time in seconds.",
    };
  const ts = Number(tsText);
  if (Math.abs(nowS - ts) > MAX_SKEW_S) {
    return {
      code: "AuthFailure.SignatureExpire",
      message: `Signature expired. Timestamp ${ts} differs from the server time ${nowS} by more than 5 minutes.`,
    };
  }

  if (auth.secretId !== creds.secretId)
    return {
      code: "AuthFailure.SecretIdNotFound",
      message: "The SecretId is not found, please ensure that your SecretId is correct.",
    };

  const signatureFailure = {
    code: "AuthFailure.SignatureFailure",
    message: "The provided credentials could not be validated. Please check your signature is correct.",
  };
  const host = header(headers, "host") ?? "";
  const hostname = host.replace(/:\d+$/, "");
  // The official SDK signs with the endpoint's first label as service (127 for 127.0.0.1, live for
  // live.tencentcloudapi.com); Tencent's live endpoint wants "live". Accept exactly those two.
  if (auth.service !== "live" && auth.service !== hostname.split(".")[0]) return signatureFailure;
  if (auth.date !== utcDate(ts)) return signatureFailure;
  if (!auth.signedHeaders.includes("content-type") || !auth.signedHeaders.includes("host")) return signatureFailure;
  if ([...auth.signedHeaders].sort().join(";") !== auth.signedHeaders.join(";")) return signatureFailure;

  // The SDK signs the host without its port while sending Host with it; try the header as sent, then bare.
  const key = signingKey(creds.secretKey, auth.date, auth.service);
  let matched = false;
  for (const hostValue of host === hostname ? [host] : [host, hostname]) {
    const signed: Record<string, string> = {};
    for (const name of auth.signedHeaders) {
      const v = name === "host" ? hostValue : header(headers, name);
      if (v === undefined) return signatureFailure;
      signed[name] = v;
    }
    const { text } = canonicalRequest({ method: "POST", headers: signed, payload: body });
    if (sameSignature(signatureHex(key, stringToSign(ts, auth.service, text)), auth.signature)) {
      matched = true;
      break;
    }
  }
  if (!matched) return signatureFailure;

  const token = header(headers, "x-tc-token");
  if ((token ?? "") !== (creds.sessionToken ?? "")) {
    return { code: "AuthFailure.TokenFailure", message: "The token is invalid or has expired." };
  }
  return undefined;
}

function header(h: IncomingHttpHeaders, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v.join(",") : v;
}
