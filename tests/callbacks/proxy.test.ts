import { describe, expect, it } from "vitest";
import { config } from "@/proxy";

// Tencent calls the endpoint with no session: the sign-in redirect of proxy.ts must never run for it.
describe("proxy.ts and the callback endpoint", () => {
  const matches = (path: string) => config.matcher.some((m) => new RegExp(`^${m}$`).test(path));

  it("lets POST /api/callbacks/live through without a session (the proxy does not run for it)", () => {
    expect(matches("/api/callbacks/live")).toBe(false);
  });

  it("still sends anonymous visitors of console pages, /recordings included, to sign in", () => {
    expect(matches("/recordings")).toBe(true);
    expect(matches("/streams/push.example.com/live/s1")).toBe(true);
  });
});
