import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { OpenDatabase } from "@/lib/db/types";
import { createUser } from "@/lib/auth/users";
import { accountLocale, storeAccountLocale } from "@/lib/i18n/account-locale";
import { resolveRequestLocale } from "@/lib/i18n/request-locale";
import { openTestDb } from "../helpers/test-db";

// The request (cookies, headers) and the session claim are stand-ins; the users table is real.
const world = vi.hoisted(() => ({
  db: undefined as unknown,
  userId: null as string | null,
  cookies: new Map<string, string>(),
  acceptLanguage: null as string | null,
}));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (world.cookies.has(name) ? { name, value: world.cookies.get(name)! } : undefined),
  }),
  headers: async () => new Headers(world.acceptLanguage ? { "accept-language": world.acceptLanguage } : {}),
}));
vi.mock("@/lib/auth/session", () => ({ sessionUserId: async () => world.userId }));
vi.mock("@/lib/db", async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  getDb: async () => world.db,
}));

describe("the language of a request", () => {
  let open: OpenDatabase;
  let userId: string;
  beforeAll(async () => {
    open = await openTestDb("pglite");
    world.db = open.db;
    userId = (
      await createUser(open.db, { email: "li@i18n.test", name: "Li", role: "oncall", password: "a long password" })
    ).id;
  });
  afterAll(async () => open?.close());

  function request(opts: { userId?: string | null; cookie?: string; acceptLanguage?: string | null }) {
    world.userId = opts.userId ?? null;
    world.cookies = new Map(opts.cookie ? [["NEXT_LOCALE", opts.cookie]] : []);
    world.acceptLanguage = opts.acceptLanguage ?? null;
    return resolveRequestLocale();
  }

  it("a first visit follows Accept-Language: any zh is zh-CN, anything else English", async () => {
    expect(await request({ acceptLanguage: "zh-TW,zh;q=0.9" })).toBe("zh-CN");
    expect(await request({ acceptLanguage: "de-DE,de;q=0.9" })).toBe("en");
    expect(await request({})).toBe("en");
  });

  it("the cookie a switch set wins over the browser", async () => {
    expect(await request({ cookie: "zh-CN", acceptLanguage: "en-US" })).toBe("zh-CN");
    expect(await request({ cookie: "en", acceptLanguage: "zh-CN" })).toBe("en");
    expect(await request({ cookie: "klingon", acceptLanguage: "zh-CN" })).toBe("zh-CN");
  });

  it("a signed-in account that never chose: cookie, then browser", async () => {
    expect(await accountLocale(open.db, userId)).toBeNull();
    expect(await request({ userId, acceptLanguage: "zh" })).toBe("zh-CN");
    expect(await request({ userId, cookie: "en", acceptLanguage: "zh" })).toBe("en");
  });

  it("the account's stored choice wins over cookie and browser, in any browser", async () => {
    await storeAccountLocale(open.db, userId, "zh-CN");
    expect(await accountLocale(open.db, userId)).toBe("zh-CN");
    expect(await request({ userId, acceptLanguage: "en-US" })).toBe("zh-CN");
    expect(await request({ userId, cookie: "en", acceptLanguage: "en-US" })).toBe("zh-CN");
    await storeAccountLocale(open.db, userId, "en");
    expect(await request({ userId, cookie: "zh-CN", acceptLanguage: "zh-CN" })).toBe("en");
  });

  it("a forged or unknown session claim is no account", async () => {
    expect(await request({ userId: "not-a-uuid", acceptLanguage: "zh" })).toBe("zh-CN");
    expect(await request({ userId: "00000000-0000-4000-8000-000000000000", cookie: "en" })).toBe("en");
  });
});
