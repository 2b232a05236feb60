/** The languages RecDesk speaks. Adding one: its code here, then messages/<code>/ with every namespace file. */
export const LOCALES = ["en", "zh-CN"] as const;
export type Locale = (typeof LOCALES)[number];

/** What anyone gets when nothing says otherwise (and what every existing test reads). */
export const DEFAULT_LOCALE: Locale = "en";

/** The cookie that remembers a choice made on the sign-in page or in the header (next-intl's usual name). */
export const LOCALE_COOKIE = "NEXT_LOCALE";
export const LOCALE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}
