"use client";

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
  const now = useNow(1000);
  const ago = p.fetchedAt ? Math.max(0, Math.round((now - Date.parse(p.fetchedAt)) / 1000)) : null;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <p data-testid="last-fetched" className="text-slate-700 dark:text-slate-300" suppressHydrationWarning>
        {p.fetchedAt ? (
          <>
            Last fetched <time dateTime={p.fetchedAt}>{formatClock(p.fetchedAt)}</time> ({ago} s ago)
          </>
        ) : (
          "Not fetched yet"
        )}
        {" · "}
        {p.paused ? "auto-refresh paused" : `auto-refresh every ${p.intervalSeconds} s`}
      </p>
      <Button
        variant="secondary"
        size="sm"
        aria-pressed={p.paused}
        onClick={() => p.onPausedChange(!p.paused)}
        data-testid="toggle-refresh"
      >
        {p.paused ? "Resume auto-refresh" : "Pause auto-refresh"}
      </Button>
    </div>
  );
}
