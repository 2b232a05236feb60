import { expect, test } from "@playwright/test";
import { e2eEnv } from "../playwright.config";
import { serverActions } from "./fuzz-client";

// Anti-framing, nosniff and a referrer policy on every kind of response the server gives,
// and HSTS only when the request came through an https proxy.

const BASE = `http://localhost:${e2eEnv.port}`;

function expectSecurityHeaders(res: Response, what: string, https = false) {
  expect(res.headers.get("x-frame-options"), what).toBe("DENY");
  expect(res.headers.get("content-security-policy"), what).toContain("frame-ancestors 'none'");
  expect(res.headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(res.headers.get("referrer-policy"), what).toBe("same-origin");
  if (https) expect(res.headers.get("strict-transport-security"), what).toMatch(/^max-age=\d{7,}/);
  else expect(res.headers.get("strict-transport-security"), what).toBeNull();
}

test("every kind of response carries the anti-framing, nosniff and referrer headers, and HSTS only over https", async () => {
  const signIn = await fetch(`${BASE}/sign-in`);
  const html = await signIn.text();
  const asset = /\/_next\/static\/[^"]+\.(?:js|css)/.exec(html)?.[0];
  expect(asset, "a static asset linked from the sign-in page").toBeTruthy();
  const signInAction = serverActions().get("signInAction")!;

  const kinds: [string, () => Promise<Response>][] = [
    ["page", () => fetch(`${BASE}/sign-in`)],
    ["redirect (proxy to sign-in)", () => fetch(`${BASE}/tasks`, { redirect: "manual" })],
    ["404 page", () => fetch(`${BASE}/no-such-page`)],
    ["static asset", () => fetch(`${BASE}${asset}`)],
    ["public file", () => fetch(`${BASE}/favicon.svg`)],
    ["route handler (refusal)", () => fetch(`${BASE}/api/streams`)],
    ["route handler (Auth.js)", () => fetch(`${BASE}/api/auth/csrf`)],
    ["route handler (CSV export, refusal)", () => fetch(`${BASE}/audit/export`)],
    [
      "server action",
      () =>
        fetch(`${BASE}${signInAction.pagePath}`, {
          method: "POST",
          headers: { "Next-Action": signInAction.id, Origin: BASE, "Content-Type": "text/plain;charset=UTF-8" },
          body: JSON.stringify([null, "not a form"]),
        }),
    ],
  ];
  for (const [what, send] of kinds) {
    const res = await send();
    expect(res.status, what).toBeLessThan(500);
    expectSecurityHeaders(res, what);
  }
  // Behind a TLS-terminating proxy, which says so in X-Forwarded-Proto: now HSTS as well.
  for (const path of ["/sign-in", "/tasks", "/no-such-page", asset!, "/api/streams"]) {
    const res = await fetch(`${BASE}${path}`, { redirect: "manual", headers: { "X-Forwarded-Proto": "https" } });
    expectSecurityHeaders(res, `${path} over https`, true);
  }
});
