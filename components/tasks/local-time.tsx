"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * An instant in the viewer's own time zone (the server does not know it). The server renders UTC; the browser
 * replaces it after hydration. The full ISO value is in the title for tickets.
 */
export function LocalTime({ iso, withZone = false }: { iso: string | null; withZone?: boolean }) {
  const local = useSyncExternalStore(
    subscribe,
    () => (iso ? format(iso, withZone) : null),
    () => null,
  );
  if (!iso) return <span className="text-slate-500 dark:text-slate-400">—</span>;
  return (
    <time dateTime={iso} title={iso} className="whitespace-nowrap">
      {local ?? `${iso.slice(0, 16).replace("T", " ")} UTC`}
    </time>
  );
}

function format(iso: string, withZone: boolean): string {
  const d = new Date(iso);
  const text = new Intl.DateTimeFormat("sv-SE", {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).format(d);
  return withZone ? `${text} ${Intl.DateTimeFormat().resolvedOptions().timeZone}` : text;
}
