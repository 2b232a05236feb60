import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config-schema";
import { callbackKey } from "@/lib/callbacks/key";
import { DEMO_CALLBACK_KEY } from "@/lib/callbacks/demo-key";

const REAL = {
  TENCENTCLOUD_SECRET_ID: "AKIDx",
  TENCENTCLOUD_SECRET_KEY: "k",
  AUTH_SECRET: "s".repeat(40),
  RECDESK_AUDIT_KEY: "a".repeat(40),
};

describe("the callback key (TENCENTCLOUD_CALLBACK_KEY)", () => {
  it("is off outside demo mode until the variable is set", () => {
    expect(callbackKey(parseConfig(REAL))).toBeNull();
    expect(callbackKey(parseConfig({ ...REAL, TENCENTCLOUD_CALLBACK_KEY: "  " }))).toBeNull();
    expect(callbackKey(parseConfig({ ...REAL, TENCENTCLOUD_CALLBACK_KEY: "theKey" }))).toBe("theKey");
  });

  it("is the demo key in demo mode, unless one is set", () => {
    expect(callbackKey(parseConfig({}))).toBe(DEMO_CALLBACK_KEY);
    expect(callbackKey(parseConfig({ TENCENTCLOUD_CALLBACK_KEY: "mine" }))).toBe("mine");
  });
});
