import { getLocale, getTranslations } from "next-intl/server";
import { formatDuration, formatLocal, formatUtcFor } from "./time-format";

/** Publish times from the online list, each in local time and UTC, with how long ago. */
export async function PublishTimes({ times, now }: { times: string[]; now: number }) {
  const [t, time, locale] = await Promise.all([
    getTranslations("streams.publish"),
    getTranslations("streams.time"),
    getLocale(),
  ]);
  if (times.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">{t("none")}</p>;
  return (
    <ul className="space-y-1 text-sm" data-testid="publish-times">
      {times.map((iso) => (
        <li key={iso} suppressHydrationWarning>
          <time dateTime={iso}>{formatLocal(iso, locale)}</time>{" "}
          <span className="text-slate-600 dark:text-slate-400">
            {t("entry", {
              utc: formatUtcFor(iso, time),
              ago: time("ago", { duration: formatDuration(now - Date.parse(iso), time) }),
            })}
          </span>
        </li>
      ))}
    </ul>
  );
}
