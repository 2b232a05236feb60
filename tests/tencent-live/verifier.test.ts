import type { IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";
import { verifyRequest } from "@/lib/tencent-live/simulator/auth";

// Vector A: shared/reference/tencent-live-api.md §3.2 (Tencent's own worked example, the same keys and body
// tests/tencent-live/signer.test.ts signs). Here the request goes the other way: the simulator's verifier
// must accept exactly what Tencent documents as correctly signed, and nothing else.
const A = {
  secretId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
  secretKey: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
  timestamp: 1551113065,
  body: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
  authorization:
    "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
};

/** The headers of the documented request, as node:http hands them over (lower-case names). */
const headers: IncomingHttpHeaders = {
  authorization: A.authorization,
  "content-type": "application/json; charset=utf-8",
  host: "cvm.tencentcloudapi.com",
  "x-tc-action": "DescribeInstances",
  "x-tc-version": "2017-03-12",
  "x-tc-timestamp": String(A.timestamp),
  "x-tc-region": "ap-guangzhou",
};
const creds = { secretId: A.secretId, secretKey: A.secretKey };
const body = () => Buffer.from(A.body, "utf8");

describe("the simulator's TC3-HMAC-SHA256 verifier", () => {
  it("accepts Tencent's worked example (Vector A) byte for byte at its own timestamp", () => {
    expect(verifyRequest(headers, body(), creds, A.timestamp)).toBeUndefined();
  });

  it("still accepts it 300 s either side of the timestamp (the documented 5-minute skew)", () => {
    expect(verifyRequest(headers, body(), creds, A.timestamp + 300)).toBeUndefined();
    expect(verifyRequest(headers, body(), creds, A.timestamp - 300)).toBeUndefined();
  });

  it("rejects the example with SignatureFailure when one byte of the body changes", () => {
    const tampered = body();
    const at = tampered.indexOf("1");
    expect(at).toBeGreaterThan(0);
    tampered[at] = "2".charCodeAt(0); // "Limit": 1 → "Limit": 2, same length
    expect(tampered.length).toBe(body().length);
    expect(tampered.equals(body())).toBe(false);
    expect(verifyRequest(headers, tampered, creds, A.timestamp)).toMatchObject({
      code: "AuthFailure.SignatureFailure",
    });
  });

  it("rejects the untouched example with SignatureExpire when the server clock is 301 s later (or earlier)", () => {
    const late = verifyRequest(headers, body(), creds, A.timestamp + 301);
    expect(late).toMatchObject({ code: "AuthFailure.SignatureExpire" });
    expect(late?.message).toContain(String(A.timestamp));
    expect(verifyRequest(headers, body(), creds, A.timestamp - 301)).toMatchObject({
      code: "AuthFailure.SignatureExpire",
    });
  });
});
