/** "3d 4h", "2h 05m", "12m": how long something has been going, for a table cell. */
export function formatAge(fromIso: string | null, nowIso: string): string {
  if (!fromIso) return "—";
  const ms = Date.parse(nowIso) - Date.parse(fromIso);
  if (!Number.isFinite(ms)) return "—";
  if (ms < 0) return `in ${formatSpan(-ms)}`;
  return formatSpan(ms);
}

function formatSpan(ms: number): string {
  const min = Math.floor(ms / 60_000);
  if (min < 60) return `${min}m`;
  const h = Math.floor(min / 60);
  if (h < 24) return `${h}h ${String(min % 60).padStart(2, "0")}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}
