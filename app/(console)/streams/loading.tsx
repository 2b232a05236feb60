import { useTranslations } from "next-intl";

export default function StreamsLoading() {
  const t = useTranslations("streams");
  return (
    <div className="space-y-4" aria-busy="true" aria-live="polite">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t("list.loading")}</p>
      <div className="space-y-2" aria-hidden>
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="h-8 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
        ))}
      </div>
    </div>
  );
}
