import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import {
  canonicalRequest,
  parseAuthorization,
  sha256Hex,
  signatureHex,
  signTc3,
  stringToSign,
} from "@/lib/tencent-live/signer";

// Vector A and the Live vector: shared/reference/tencent-live-api.md §3.2.
const A = {
  secretId: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
  secretKey: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
  timestamp: 1551113065,
  body: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
};

describe("TC3-HMAC-SHA256 signer", () => {
  it("reproduces Tencent's worked example (Vector A) from raw key to Authorization header", () => {
    expect(sha256Hex(A.body)).toBe("35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
    const out = signTc3({
      secretId: A.secretId,
      secretKey: A.secretKey,
      service: "cvm",
      timestamp: A.timestamp,
      signedHeaders: { "content-type": "application/json; charset=utf-8", host: "cvm.tencentcloudapi.com" },
      payload: A.body,
    });
    expect(out.canonicalRequest).toBe(
      "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064",
    );
    expect(out.stringToSign).toBe(
      "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031",
    );
    expect(out.signature).toBe("72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
    expect(out.authorization).toBe(
      "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
    );
  });

  it("uses the UTC date, not Beijing time, for the credential scope (2019-02-26 00:44 in UTC+8 is still the 25th)", () => {
    expect(
      signTc3({
        secretId: "x",
        secretKey: "y",
        service: "live",
        timestamp: A.timestamp,
        signedHeaders: { "content-type": "a", host: "b" },
        payload: "",
      }).credentialScope,
    ).toBe("2019-02-25/live/tc3_request");
  });

  it("matches Vector C's last three HMACs from the published SecretSigning key", () => {
    const { text } = canonicalRequest({
      method: "POST",
      headers: {
        "content-type": "application/json; charset=utf-8",
        host: "cvm.tencentcloudapi.com",
        "x-tc-action": "DescribeInstances",
      },
      payload: A.body,
    });
    expect(sha256Hex(text)).toBe("7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84");
    const key = Buffer.from("b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af", "hex");
    expect(signatureHex(key, stringToSign(A.timestamp, "cvm", text))).toBe(
      "10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f",
    );
  });

  it("matches the self-computed Live StopLiveRecord vector", () => {
    const out = signTc3({
      secretId: A.secretId,
      secretKey: A.secretKey,
      service: "live",
      timestamp: A.timestamp,
      signedHeaders: { "content-type": "application/json", host: "live.tencentcloudapi.com" },
      payload: '{"StreamName":"test1","TaskId":123}',
    });
    expect(sha256Hex('{"StreamName":"test1","TaskId":123}')).toBe(
      "82de003104458324664621cc7cac58c7ab04988e96c629226bf1603173464405",
    );
    expect(sha256Hex(out.canonicalRequest)).toBe("1fd2f1d10ec11016a3655fc7c7f02869dbb04241edfd5e590077af661c035e5f");
    expect(out.signature).toBe("97e678d02594cdd55e1a2b07cf403de91f9d522336b0184815238f9aa0315ed1");
  });

  it("agrees with the official SDK's internal signer on the same bytes", () => {
    const require = createRequire(import.meta.url);
    const Sign = (
      require("tencentcloud-sdk-nodejs-common/tencentcloud/common/sign.js") as {
        default: { sign3(o: Record<string, unknown>): string };
      }
    ).default;
    const payload = Buffer.from('{"StreamName":"room_1","TaskId":18446744073709551615}');
    for (const [service, host] of [
      ["live", "live.tencentcloudapi.com"],
      ["127", "127.0.0.1"],
    ] as const) {
      const sdk = Sign.sign3({
        method: "POST",
        url: `https://${host}/`,
        payload,
        timestamp: 1764000000,
        service,
        secretId: A.secretId,
        secretKey: A.secretKey,
        headers: { "Content-Type": "application/json" },
      });
      const ours = signTc3({
        secretId: A.secretId,
        secretKey: A.secretKey,
        service,
        timestamp: 1764000000,
        signedHeaders: { "content-type": "application/json", host },
        payload,
      });
      expect(ours.authorization).toBe(sdk);
    }
  });

  it("parses its own Authorization header and rejects malformed ones", () => {
    const out = signTc3({
      secretId: "AKIDx",
      secretKey: "k",
      service: "live",
      timestamp: A.timestamp,
      signedHeaders: { "content-type": "a", host: "b", "x-tc-action": "c" },
      payload: "",
    });
    expect(parseAuthorization(out.authorization)).toEqual({
      secretId: "AKIDx",
      date: "2019-02-25",
      service: "live",
      signedHeaders: ["content-type", "host", "x-tc-action"],
      signature: out.signature,
    });
    expect(parseAuthorization(undefined)).toBeUndefined();
    expect(parseAuthorization("Bearer abc")).toBeUndefined();
    expect(parseAuthorization(out.authorization.replace("Signature=", "Sig="))).toBeUndefined();
  });
});
