import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import { z } from "zod";
import { readCatalog } from "@/lib/i18n/catalog";
import { refusalSignInMessage, redirectSignInMessage, type SignInMessage } from "@/lib/auth/sign-in-errors";
import { signInFieldErrors } from "@/lib/auth/sign-in-field-errors";
import { refusalMessage, type SignInRefusal } from "@/lib/auth/sign-in";
import { SignInCredentialsSchema } from "@/lib/auth/sign-in-input";

async function translator(locale: "en" | "zh-CN") {
  const t = createTranslator({ locale, messages: await readCatalog(locale), namespace: "signIn" });
  return {
    error: (m: SignInMessage) => t(`errors.${m.key}` as never, m.values as never),
    field: (key: string, values: Record<string, string | number>) => t(`fields.${key}` as never, values as never),
  };
}

const now = new Date("2026-01-01T00:00:10Z");
const REFUSALS: SignInRefusal[] = [
  { reason: "invalid" },
  { reason: "throttled", retryAt: new Date("2026-01-01T00:01:00Z"), retryAfterSeconds: 50 },
  { reason: "disabled" },
  { reason: "no-role" },
  { reason: "too-long" },
  { reason: "demo-password" },
];

describe("sign-in messages come from the catalogs, and English reads exactly as before", () => {
  it("each refusal says in English what the audit record says (refusalMessage)", async () => {
    const en = await translator("en");
    for (const refusal of REFUSALS)
      expect(en.error(refusalSignInMessage(refusal, now))).toBe(refusalMessage(refusal, now));
  });

  it("each Auth.js redirect error reads as it did before the catalogs", async () => {
    const en = await translator("en");
    const say = (error?: string, code?: string) => {
      const m = redirectSignInMessage(error, code);
      return m ? en.error(m) : undefined;
    };
    expect(say(undefined)).toBeUndefined();
    expect(say("CredentialsSignin", "throttled")).toBe(
      "Too many failed sign-ins for this account or from this address. Wait a minute, then try again.",
    );
    expect(say("CredentialsSignin", "disabled")).toBe("This account is disabled. Ask a RecDesk admin to enable it.");
    expect(say("CredentialsSignin", "no-role")).toBe(
      "You are registered, but your account has no role yet. Ask a RecDesk admin to grant one, then sign in again.",
    );
    expect(say("CredentialsSignin", "too-long")).toBe(
      "That password is too long: passwords have at most 256 characters.",
    );
    expect(say("CredentialsSignin")).toBe("That email and password do not match an account. Check both and try again.");
    expect(say("SsoNoEmail")).toBe(
      "Your single sign-on provider did not share an email address, which RecDesk needs. Ask your identity admin.",
    );
    expect(say("Configuration")).toBe("Sign-in is not configured correctly on this server. Tell your RecDesk admin.");
    expect(say("Weird")).toBe("Sign-in failed (Weird). Try again; if it keeps failing, tell your RecDesk admin.");
  });

  it("field errors read as the schema's in English, and in Chinese in zh-CN", async () => {
    const en = await translator("en");
    const zh = await translator("zh-CN");
    const cases: Array<{ email: unknown; password: unknown }> = [
      { email: "", password: "" },
      { email: "x".repeat(300), password: "p".repeat(300) },
      { email: "a\u0000b", password: undefined },
    ];
    for (const raw of cases) {
      const parsed = SignInCredentialsSchema.safeParse(raw);
      expect(parsed.success).toBe(false);
      if (parsed.success) continue;
      expect(signInFieldErrors(parsed.error, raw, en.field)).toEqual(
        z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
      );
      const chinese = Object.values(signInFieldErrors(parsed.error, raw, zh.field)).flat();
      for (const message of chinese) expect(message).toMatch(/\p{Script=Han}/u);
    }
  });

  it("zh-CN says every sign-in message in Chinese", async () => {
    const zh = await translator("zh-CN");
    for (const refusal of REFUSALS) expect(zh.error(refusalSignInMessage(refusal, now))).toMatch(/\p{Script=Han}/u);
    expect(zh.error(refusalSignInMessage(REFUSALS[1]!, now))).toBe(
      "此账号或此地址的登录失败次数过多。请在 50 秒后（UTC 时间 00:01:00）重试。",
    );
  });
});
