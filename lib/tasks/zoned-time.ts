// CreateLiveRecord wants China Standard Time; people think in their own zone. The form sends the wall-clock time
// the user typed plus the IANA zone the page showed them, and this converts that to an instant exactly once.
// Pure (Intl only), so the form can preview the CST value as the user types.

/** Offset of `zone` from UTC at instant `ms`, in minutes (e.g. +480 for Asia/Shanghai). */
export function zoneOffsetMinutes(zone: string, ms: number): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(ms));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * "2026-11-23T18:30" (an <input type="datetime-local"> value, seconds optional) in `zone` → the instant.
 * Invalid Date when the text is malformed. In a DST gap the later offset wins, like most calendars do.
 */
export function wallTimeToDate(local: string, zone: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m || !isValidTimeZone(zone)) return new Date(NaN);
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const naive = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(naive);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return new Date(NaN);
  // Two passes settle the offset even when the naive guess lands on the other side of a DST change.
  let ms = naive - zoneOffsetMinutes(zone, naive) * 60_000;
  ms = naive - zoneOffsetMinutes(zone, ms) * 60_000;
  return new Date(ms);
}

/** An instant as the wall-clock "YYYY-MM-DD HH:MM" in `zone`, for showing the user what they chose. */
export function formatInZone(date: Date, zone: string): string {
  const shifted = new Date(date.getTime() + zoneOffsetMinutes(zone, date.getTime()) * 60_000);
  return shifted.toISOString().slice(0, 16).replace("T", " ");
}
