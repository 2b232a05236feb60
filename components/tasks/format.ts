/** The "tasks.age" messages, as useTranslations("tasks.age") or getTranslations("tasks.age") gives them. */
export type AgeTranslator = (
  key: "minutes" | "hoursMinutes" | "daysHours" | "future",
  values: Record<string, string | number>,
) => string;

/**
 * How long something has been going, for a table cell: "3d 4h", "2h 05m", "12m" in English, "3 天 4 小时" in Chinese.
 * The words come from the catalog; the arithmetic is the same in every language.
 */
export function formatAge(fromIso: string | null, nowIso: string, t: AgeTranslator): string {
  if (!fromIso) return "—";
  const ms = Date.parse(nowIso) - Date.parse(fromIso);
  if (!Number.isFinite(ms)) return "—";
  if (ms < 0) return t("future", { span: formatSpan(-ms, t) });
  return formatSpan(ms, t);
}

function formatSpan(ms: number, t: AgeTranslator): string {
  const min = Math.floor(ms / 60_000);
  if (min < 60) return t("minutes", { minutes: min });
  const h = Math.floor(min / 60);
  if (h < 24) return t("hoursMinutes", { hours: h, minutes: String(min % 60).padStart(2, "0") });
  return t("daysHours", { days: Math.floor(h / 24), hours: h % 24 });
}
