import { describe, expect, it } from "vitest";
import { originFromHeaders } from "@/lib/auth/origin";

const h = (init: Record<string, string>) => new Headers(init);

describe("the client address the audit trail and the sign-in throttle use", () => {
  it("is what the nearest proxy saw, not what the client wrote into X-Forwarded-For", () => {
    // The client forged "10.0.0.1"; our one proxy appended the address it really saw.
    expect(originFromHeaders(h({ "x-forwarded-for": "10.0.0.1, 198.51.100.7" })).clientIp).toBe("198.51.100.7");
    expect(originFromHeaders(h({ "x-forwarded-for": "198.51.100.7" })).clientIp).toBe("198.51.100.7");
  });

  it("with two trusted proxies (a CDN, then a load balancer) is the CDN's view, two places from the right", () => {
    const headers = h({ "x-forwarded-for": "10.0.0.1, 198.51.100.7, 203.0.113.20" });
    expect(originFromHeaders(headers, 2).clientIp).toBe("198.51.100.7");
    expect(originFromHeaders(h({ "x-forwarded-for": "198.51.100.7" }), 3).clientIp).toBe("198.51.100.7");
  });

  it("falls back to X-Real-IP, keeps the user agent, and bounds both", () => {
    expect(originFromHeaders(h({ "x-real-ip": " 192.0.2.1 ", "user-agent": "Mozilla/5.0" }))).toEqual({
      clientIp: "192.0.2.1",
      userAgent: "Mozilla/5.0",
    });
    expect(originFromHeaders(h({ "user-agent": "x".repeat(2000) })).userAgent).toHaveLength(512);
    expect(originFromHeaders(h({}))).toEqual({ clientIp: undefined, userAgent: undefined });
  });
});
