import { getRequestConfig } from "next-intl/server";
import { loadMessages } from "./catalog";
import { resolveRequestLocale } from "./request-locale";

// next-intl's per-request configuration (next.config.mjs points its plugin here). No locale in the URL: every
// address stays as it is, and the language comes from the account, the cookie or the browser.
export default getRequestConfig(async () => {
  const locale = await resolveRequestLocale();
  return {
    locale,
    messages: await loadMessages(locale),
    // Pages that format times say their zone explicitly; this only keeps server and browser output identical.
    timeZone: "UTC",
  };
});
