import { DEFAULT_LOCALE, isLocale, type Locale } from "./locales";

/**
 * The browser's preference, by Accept-Language quality: the first language RecDesk speaks wins. Any Chinese
 * (zh, zh-TW, zh-Hant-HK…) gets zh-CN, the only Chinese there is; any English gets en; nothing usable gets en.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.tag && entry.quality > 0)
    // Stable: equal qualities keep the browser's order.
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranked) {
    const primary = tag.split("-")[0];
    if (primary === "zh") return "zh-CN";
    if (primary === "en") return "en";
  }
  return DEFAULT_LOCALE;
}

/**
 * Which language a request is shown in: the signed-in account's stored choice, else the cookie set by a switch,
 * else the browser's Accept-Language. A stored value this build does not know is skipped, never trusted.
 */
export function chooseLocale(sources: {
  account?: string | null;
  cookie?: string | null;
  acceptLanguage?: string | null;
}): Locale {
  if (isLocale(sources.account)) return sources.account;
  if (isLocale(sources.cookie)) return sources.cookie;
  return localeFromAcceptLanguage(sources.acceptLanguage);
}
