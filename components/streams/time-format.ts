// Formatting of publish times and ages. The page's language decides the words and the date layout; the local
// forms (formatLocal, formatClock) stay in the runtime's own time zone, as before, and UTC ones say "UTC".

export function formatLocal(iso: string, locale?: string): string {
  return new Date(iso).toLocaleString(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
}

/** "2026-01-01 00:01:00": the bare UTC timestamp, for a message that names the zone in the page's language. */
export function utcTimestamp(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19).replace("T", " ");
}

/** The English form, "2026-01-01 00:01:00 UTC" (pages in the reader's language use `streams.time.utc`). */
export function formatUtc(iso: string): string {
  return `${utcTimestamp(iso)} UTC`;
}

export function formatClock(iso: string, locale?: string): string {
  return new Date(iso).toLocaleTimeString(locale, {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hour12: false,
  });
}

/** The `streams.time` messages a duration is written with (a next-intl translator for that namespace). */
export type TimeText = (
  key: "utc" | "ago" | "days" | "hours" | "minutes" | "seconds",
  values: Record<string, string | number>,
) => string;

/**
 * "3 d 4 h", "2 h 05 min", "12 min", "40 s" (in Chinese "3 天 4 小时", "2 小时 5 分钟"…): two units at most,
 * enough to spot a runaway.
 */
export function formatDuration(ms: number, t: TimeText): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (days > 0) return t("days", { days, hours });
  if (hours > 0) return t("hours", { hours, minutes });
  if (minutes > 0) return t("minutes", { minutes });
  return t("seconds", { seconds: s });
}

/** "2026-01-01 00:01:00 UTC" in the page's language. */
export function formatUtcFor(iso: string, t: TimeText): string {
  return t("utc", { time: utcTimestamp(iso) });
}
