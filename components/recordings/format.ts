// Formatting of recording files: sizes, durations and the download link.

const UNITS = ["B", "KB", "MB", "GB", "TB"];

/**
 * 1 KB = 1024 B, as Tencent's console shows file sizes (in both languages: the units are the same). The number is
 * written for the locale, without grouping ("1023 MB", as before).
 */
export function formatBytes(bytes: number, locale: string = "en"): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${bytes} B`;
  const digits = value < 10 ? 1 : 0;
  const number = new Intl.NumberFormat(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    useGrouping: false,
  }).format(value);
  return `${number} ${UNITS[unit]}`;
}

/** A duration as the catalog's `recordings.duration.<key>` message takes it; minutes and seconds padded after hours. */
export function durationParts(total: number): {
  key: "hours" | "minutes" | "seconds";
  values: { h: string; m: string; s: string };
} {
  const s = Math.max(0, Math.round(total));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h > 0)
    return { key: "hours", values: { h: String(h), m: String(m).padStart(2, "0"), s: String(rest).padStart(2, "0") } };
  if (m > 0) return { key: "minutes", values: { h: "0", m: String(m), s: String(rest) } };
  return { key: "seconds", values: { h: "0", m: "0", s: String(rest) } };
}

/** "1 h 02 min 05 s", "4 min 10 s", "9 s" (English; pages say it through the catalog with durationParts). */
export function formatSeconds(total: number): string {
  const { key, values } = durationParts(total);
  if (key === "hours") return `${values.h} h ${values.m} min ${values.s} s`;
  if (key === "minutes") return `${values.m} min ${values.s} s`;
  return `${values.s} s`;
}

/**
 * The video_url as a link target only when it is http(s): it comes from a callback body, and a
 * `javascript:` URL must never become a clickable link.
 */
export function safeVideoHref(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.toString() : null;
  } catch {
    return null;
  }
}
