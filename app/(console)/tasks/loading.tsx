import { useTranslations } from "next-intl";

export default function TasksLoading() {
  const t = useTranslations("tasks");
  return (
    <div className="space-y-4" aria-busy="true" aria-live="polite">
      <h1 className="text-2xl font-semibold">{t("heading")}</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t("loading")}</p>
      <div className="h-10 w-2/3 animate-pulse rounded bg-slate-200 dark:bg-slate-800" aria-hidden />
      <div className="space-y-2" aria-hidden>
        {Array.from({ length: 10 }, (_, i) => (
          <div key={i} className="h-10 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
        ))}
      </div>
    </div>
  );
}
