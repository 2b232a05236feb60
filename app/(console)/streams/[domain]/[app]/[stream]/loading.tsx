import { useTranslations } from "next-intl";

// The slowest page: it waits on DescribeLiveStreamState and the shared online list. Without its own loading
// state, a click on a stream would leave the list on screen with no sign that anything is happening.
export default function StreamDetailLoading() {
  const t = useTranslations("streams");
  return (
    <div className="space-y-4" aria-busy="true" aria-live="polite">
      <h1 className="text-2xl font-semibold">{t("streamTitle")}</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t("detail.loading")}</p>
      <div className="grid gap-3 sm:grid-cols-2" aria-hidden>
        <div className="h-24 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
        <div className="h-24 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      </div>
      <div className="space-y-2" aria-hidden>
        {Array.from({ length: 4 }, (_, i) => (
          <div key={i} className="h-8 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
        ))}
      </div>
    </div>
  );
}
