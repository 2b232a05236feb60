"use client";

import { useTranslations } from "next-intl";

export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors.page");
  return (
    <div
      role="alert"
      className="rounded-lg border border-danger-300 bg-danger-50 p-4 text-danger-700 dark:bg-danger-700 dark:text-danger-50"
    >
      <h2 className="font-semibold">{t("title")}</h2>
      <p className="mt-1 text-sm">{error.digest ? t("bodyWithReference", { digest: error.digest }) : t("body")}</p>
      <button onClick={reset} className="mt-3 rounded-md bg-danger-600 px-3 py-1.5 text-sm font-medium text-white">
        {t("tryAgain")}
      </button>
    </div>
  );
}
