// Formatting of recording files: sizes, durations and the download link.

const UNITS = ["B", "KB", "MB", "GB", "TB"];

/** 1 KB = 1024 B, as Tencent's console shows file sizes. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}

/** "1 h 02 min 05 s", "4 min 10 s", "9 s". */
export function formatSeconds(total: number): string {
  const s = Math.max(0, Math.round(total));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, "0")} min ${String(rest).padStart(2, "0")} s`;
  if (m > 0) return `${m} min ${rest} s`;
  return `${rest} s`;
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
