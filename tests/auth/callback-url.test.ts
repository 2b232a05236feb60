import { describe, expect, it } from "vitest";
import { safeCallbackUrl, sameOriginPath } from "@/lib/auth/callback-url";

// Each as the sign-in page receives it (Next has percent-decoded the query string once), unless it says "raw".
const BYPASSES: [string, string][] = [
  ["protocol-relative", "//evil.example/x"],
  ["triple slash", "///evil.example/x"],
  ["backslash after slash", "/\\evil.example/x"],
  ["two backslashes", "\\\\evil.example/x"],
  ["slash, backslash, slash", "/\\/evil.example/x"],
  ["TAB between slashes (the reported one)", "/\t/evil.example/x"],
  ["CR between slashes", "/\r/evil.example/x"],
  ["LF between slashes", "/\n/evil.example/x"],
  ["NUL", "/\u0000/evil.example"],
  ["leading space", " //evil.example/x"],
  ["percent-encoded slashes (raw)", "%2F%2Fevil.example/x"],
  ["path, then encoded slash", "/%2F/evil.example/x"],
  ["path of encoded slashes", "/%2F%2Fevil.example"],
  ["encoded TAB (raw)", "/%09/evil.example/x"],
  ["encoded CR (raw)", "/%0d/evil.example/x"],
  ["encoded backslash (raw)", "/%5Cevil.example"],
  ["double-encoded TAB", "/%2509/evil.example/x"],
  ["double-encoded slash", "/%252F/evil.example"],
  ["dot segments to a protocol-relative path", "/..//evil.example/x"],
  ["encoded dot segments", "/%2e%2e//evil.example"],
  ["javascript: URL", "javascript:alert(document.domain)"],
  ["JavaScript: with a TAB", "java\tscript:alert(1)"],
  ["data: URL", "data:text/html,<script>alert(1)</script>"],
  ["absolute https URL", "https://evil.example/x"],
  ["scheme-less with credentials", "//user@evil.example"],
  ["http with a backslash host", "http:\\\\evil.example"],
  ["https with a single slash", "https:/evil.example"],
  ["C1 control (NEL)", "/\u0085/evil.example"],
  ["malformed percent-encoding", "/%E0%A4%A"],
  ["the sign-in page itself (loop)", "/sign-in?callbackUrl=//evil.example"],
  ["an API route", "/api/auth/signout"],
  ["an encoded sign-in page", "/%73ign-in"],
  ["not a string", 42 as unknown as string],
  ["empty", ""],
];

describe("callback URLs after sign-in", () => {
  it.each(BYPASSES)("sends %s to the home page", (_label, value) => {
    expect(safeCallbackUrl(value)).toBe("/");
  });

  it.each([
    ["/streams", "/streams"],
    ["/tasks?state=running&minHours=3", "/tasks?state=running&minHours=3"],
    ["/streams/live.example.com/live/room%201", "/streams/live.example.com/live/room%201"],
    ["/audit#verify", "/audit#verify"],
    ["/tasks/../users", "/users"],
  ])("keeps the same-site path %s", (value, expected) => {
    expect(safeCallbackUrl(value)).toBe(expected);
  });
});

describe("Auth.js redirects", () => {
  const origin = "http://localhost:3400";
  it("keeps a same-origin absolute URL or path, as a path", () => {
    expect(sameOriginPath("http://localhost:3400/tasks?x=1", origin)).toBe("/tasks?x=1");
    expect(sameOriginPath("/sign-in?error=CredentialsSignin", origin)).toBe("/sign-in?error=CredentialsSignin");
  });
  it.each([
    "http://localhost:3401/tasks",
    "https://localhost:3400/tasks",
    "http://localhost:3400.evil.example/",
    "http://localhost:3400@evil.example/",
    "http://evil.example/http://localhost:3400/",
    ...BYPASSES.map(([, v]) => v).filter(
      (v) => typeof v === "string" && !v.startsWith("/sign-in") && !v.startsWith("/api/") && v !== "/%73ign-in",
    ),
  ])("refuses %j", (value) => {
    expect(sameOriginPath(value, origin)).toBeNull();
  });
});
