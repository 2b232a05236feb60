import type { ReactNode } from "react";

export type BadgeTone = "neutral" | "info" | "ok" | "warn" | "danger" | "progress";

// Colour is never the only signal: every badge carries its word, and a shape marker for quick scanning.
const TONES: Record<BadgeTone, { cls: string; mark: string }> = {
  neutral: {
    cls: "bg-slate-100 text-slate-800 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600",
    mark: "○",
  },
  info: {
    cls: "bg-brand-50 text-brand-700 ring-brand-100 dark:bg-brand-900 dark:text-brand-100 dark:ring-brand-700",
    mark: "◷",
  },
  ok: { cls: "bg-ok-50 text-ok-700 ring-ok-300 dark:bg-ok-700/30 dark:text-ok-300 dark:ring-ok-700", mark: "●" },
  warn: {
    cls: "bg-warn-50 text-warn-700 ring-warn-300 dark:bg-warn-700/30 dark:text-warn-300 dark:ring-warn-700",
    mark: "◆",
  },
  danger: {
    cls: "bg-danger-50 text-danger-700 ring-danger-300 dark:bg-danger-700/30 dark:text-danger-300 dark:ring-danger-700",
    mark: "✕",
  },
  progress: {
    cls: "bg-warn-50 text-warn-700 ring-warn-300 dark:bg-warn-700/30 dark:text-warn-300 dark:ring-warn-700",
    mark: "…",
  },
};

export function StatusBadge({
  tone = "neutral",
  children,
  testId,
}: {
  tone?: BadgeTone;
  children: ReactNode;
  testId?: string;
}) {
  const t = TONES[tone];
  return (
    <span
      data-testid={testId}
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${t.cls}`}
    >
      <span aria-hidden className={tone === "progress" ? "animate-pulse" : undefined}>
        {t.mark}
      </span>
      {children}
    </span>
  );
}
