"use client";

import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui";
import { formatClock } from "./time-format";
import { useNow } from "./use-now";

export interface RefreshStatusProps {
  /** ISO time of the data shown (the last good upstream sweep), or null before the first one. */
  fetchedAt: string | null;
  paused: boolean;
  onPausedChange: (paused: boolean) => void;
  intervalSeconds: number;
}

export function RefreshStatus(p: RefreshStatusProps) {
  const t = useTranslations("streams.refresh");
  const locale = useLocale();
  const now = useNow(1000);
  const fetchedAt = p.fetchedAt;
  const ago = fetchedAt ? Math.max(0, Math.round((now - Date.parse(fetchedAt)) / 1000)) : null;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <p data-testid="last-fetched" className="text-slate-700 dark:text-slate-300" suppressHydrationWarning>
        {fetchedAt
          ? t.rich("lastFetched", {
              clock: formatClock(fetchedAt, locale),
              seconds: ago ?? 0,
              when: (chunks) => <time dateTime={fetchedAt}>{chunks}</time>,
            })
          : t("notFetched")}
        {" · "}
        {p.paused ? t("paused") : t("every", { seconds: p.intervalSeconds })}
      </p>
      <Button
        variant="secondary"
        size="sm"
        aria-pressed={p.paused}
        onClick={() => p.onPausedChange(!p.paused)}
        data-testid="toggle-refresh"
      >
        {p.paused ? t("resume") : t("pause")}
      </Button>
    </div>
  );
}
