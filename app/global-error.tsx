"use client";

import { useSyncExternalStore } from "react";
import { createTranslator } from "next-intl";
import en from "@/messages/en/errors.json";
import zhCN from "@/messages/zh-CN/errors.json";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { localeFromAcceptLanguage } from "@/lib/i18n/negotiate";

// Last resort: the user sees a plain message and a digest to quote, never a stack trace. It replaces the root
// layout, so neither the server's choice of language nor the catalogs' provider is there: the language comes from
// the cookie a switch set, else the browser's own preference, and only this page's two catalogs are bundled.
const CATALOGS = { en: { errors: en }, "zh-CN": { errors: zhCN } } as const;

function browserLocale(): keyof typeof CATALOGS {
  const cookie = document.cookie
    .split("; ")
    .find((c) => c.startsWith(`${LOCALE_COOKIE}=`))
    ?.slice(LOCALE_COOKIE.length + 1);
  if (cookie === "en" || cookie === "zh-CN") return cookie;
  return localeFromAcceptLanguage(navigator.languages.join(","));
}

const noSubscription = () => () => {};

export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const locale = useSyncExternalStore(noSubscription, browserLocale, () => "en" as const);
  const t = createTranslator({ locale, messages: CATALOGS[locale], namespace: "errors.global" });
  return (
    <html lang={locale}>
      <body style={{ fontFamily: "system-ui", padding: 32 }}>
        <h1>{t("title")}</h1>
        <p>{t("body")}</p>
        {error.digest ? <p>{t("reference", { digest: error.digest })}</p> : null}
        <button onClick={reset}>{t("tryAgain")}</button>
      </body>
    </html>
  );
}
