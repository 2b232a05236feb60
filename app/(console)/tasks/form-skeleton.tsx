import { useTranslations } from "next-intl";

/** Loading state for the task forms: the title at once, grey boxes where the fields will be. */
export function FormSkeleton({ title }: { title: string }) {
  const t = useTranslations("tasks");
  return (
    <div className="space-y-4" aria-busy="true" aria-live="polite">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t("loadingForm")}</p>
      <div className="grid max-w-2xl gap-4 sm:grid-cols-2" aria-hidden>
        {Array.from({ length: 5 }, (_, i) => (
          <div key={i} className="h-14 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
        ))}
      </div>
    </div>
  );
}
