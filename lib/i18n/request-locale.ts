import "server-only";
import { cookies, headers } from "next/headers";
import { getDb } from "@/lib/db";
import { sessionUserId } from "@/lib/auth/session";
import { componentLogger } from "@/lib/observability/logger";
import { accountLocale } from "./account-locale";
import { LOCALE_COOKIE, type Locale } from "./locales";
import { chooseLocale } from "./negotiate";

/**
 * The language of the request being rendered (lib/i18n/negotiate.ts has the order). The account is read only
 * when a session cookie claims one; a failure to read it falls back to cookie and browser, never to an error page.
 */
export async function resolveRequestLocale(): Promise<Locale> {
  const [jar, head] = await Promise.all([cookies(), headers()]);
  let account: string | null = null;
  try {
    account = await accountLocale(await getDb(), await sessionUserId());
  } catch (err) {
    if (isNextSignal(err)) throw err;
    componentLogger("i18n").warn(
      { event: "i18n.account-locale-failed" },
      `account language unreadable: ${(err as Error).message}`,
    );
  }
  return chooseLocale({
    account,
    cookie: jar.get(LOCALE_COOKIE)?.value,
    acceptLanguage: head.get("accept-language"),
  });
}

// Next signals dynamic rendering by throwing; that must pass through untouched.
function isNextSignal(err: unknown): boolean {
  const digest = (err as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && (digest.startsWith("NEXT_") || digest === "DYNAMIC_SERVER_USAGE");
}
