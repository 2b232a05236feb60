import "server-only";
import { cookies } from "next/headers";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_SECONDS, type Locale } from "./locales";

/** Remembers a language choice in this browser (both switches set it; only the header's also stores it on the account). */
export async function rememberLocale(locale: Locale): Promise<void> {
  (await cookies()).set(LOCALE_COOKIE, locale, {
    path: "/",
    sameSite: "lax",
    // Readable by the page on purpose: app/global-error.tsx has no server render to ask, and a language is no secret.
    httpOnly: false,
    maxAge: LOCALE_COOKIE_MAX_AGE_SECONDS,
  });
}
