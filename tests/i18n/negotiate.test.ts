import { describe, expect, it } from "vitest";
import { chooseLocale, localeFromAcceptLanguage } from "@/lib/i18n/negotiate";

describe("a first visit follows the browser's Accept-Language", () => {
  it.each([
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["zh", "zh-CN"],
    ["zh-TW", "zh-CN"],
    ["zh-Hant-HK,en;q=0.5", "zh-CN"],
    ["ZH-cn", "zh-CN"],
    ["en-US,en;q=0.9", "en"],
    ["en-GB,zh-CN;q=0.8", "en"],
    ["fr-FR,fr;q=0.9", "en"],
    // The first language RecDesk speaks wins: French first, then Chinese.
    ["fr-FR,zh;q=0.8,en;q=0.5", "zh-CN"],
    // Quality, not order, ranks them; q=0 means "not this one".
    ["en;q=0.4,zh;q=0.9", "zh-CN"],
    ["zh;q=0,en", "en"],
    ["*", "en"],
    ["", "en"],
    ["garbage;;;q=abc,,", "en"],
  ])("%j → %s", (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });

  it("no header at all is English", () => {
    expect(localeFromAcceptLanguage(undefined)).toBe("en");
    expect(localeFromAcceptLanguage(null)).toBe("en");
  });
});

describe("the account's stored choice, then the cookie, then the browser", () => {
  it("the account wins over the cookie and the browser", () => {
    expect(chooseLocale({ account: "en", cookie: "zh-CN", acceptLanguage: "zh-CN" })).toBe("en");
    expect(chooseLocale({ account: "zh-CN", cookie: "en", acceptLanguage: "en-US" })).toBe("zh-CN");
  });

  it("without a stored choice the cookie wins over the browser", () => {
    expect(chooseLocale({ account: null, cookie: "zh-CN", acceptLanguage: "en-US" })).toBe("zh-CN");
    expect(chooseLocale({ cookie: "en", acceptLanguage: "zh-CN" })).toBe("en");
  });

  it("a value this build does not speak is skipped, not trusted", () => {
    expect(chooseLocale({ account: "fr", cookie: "zh-CN", acceptLanguage: "en" })).toBe("zh-CN");
    expect(chooseLocale({ account: "fr", cookie: "../../etc/passwd", acceptLanguage: "zh" })).toBe("zh-CN");
    expect(chooseLocale({ cookie: "zh", acceptLanguage: "en" })).toBe("en");
  });

  it("nothing at all is English", () => {
    expect(chooseLocale({})).toBe("en");
  });
});
