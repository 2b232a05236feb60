"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { LOCALES } from "@/lib/i18n/locales";

type LocaleAction = (previous: unknown, formData: FormData) => Promise<{ ok: boolean }>;

/**
 * English / 中文: each language named in itself, so a person who cannot read the current one still finds theirs.
 * The header's action stores the choice on the account, the sign-in page's in the cookie only; either way the
 * server re-renders the page in the new language (the cookie changed), <html lang> included.
 */
export function LocaleSwitch({ action }: { action: LocaleAction }) {
  const t = useTranslations("locale");
  const current = useLocale();
  const [, formAction, pending] = useActionState<{ ok: boolean } | null, FormData>(action, null);
  return (
    <form action={formAction}>
      <div role="group" aria-label={t("switchLabel")} className="flex items-center gap-1 text-sm">
        {LOCALES.map((locale, index) => (
          <span key={locale} className="flex items-center gap-1">
            {index > 0 ? (
              <span aria-hidden="true" className="text-slate-500 dark:text-slate-400">
                /
              </span>
            ) : null}
            <button
              type="submit"
              name="locale"
              value={locale}
              lang={locale}
              aria-pressed={locale === current}
              disabled={pending}
              className={`rounded px-1.5 py-0.5 ${
                locale === current
                  ? "font-semibold text-slate-900 dark:text-slate-100"
                  : "text-brand-700 underline hover:bg-slate-100 dark:text-brand-100 dark:hover:bg-slate-800"
              }`}
            >
              {t(locale)}
            </button>
          </span>
        ))}
      </div>
    </form>
  );
}
