"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui";

export interface StreamsPagerProps {
  page: number;
  pageCount: number;
  pageSize: number;
  pageSizes: readonly number[];
  matched: number;
  total: number;
  onPageChange: (page: number) => void;
  onPageSizeChange: (size: number) => void;
}

export function StreamsPager(p: StreamsPagerProps) {
  const t = useTranslations("streams.pager");
  const first = p.matched === 0 ? 0 : (p.page - 1) * p.pageSize + 1;
  const last = Math.min(p.matched, p.page * p.pageSize);
  return (
    <nav aria-label={t("nav")} className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <p aria-live="polite" data-testid="streams-count">
        {p.matched === 0
          ? p.matched !== p.total
            ? t("countNoneFiltered", { total: p.total })
            : t("countNone")
          : p.matched !== p.total
            ? t("countFiltered", { first, last, matched: p.matched, total: p.total })
            : t("countAll", { first, last, matched: p.matched })}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor="stream-page-size" className="text-slate-700 dark:text-slate-300">
          {t("rowsPerPage")}
        </label>
        <select
          id="stream-page-size"
          value={p.pageSize}
          onChange={(e) => p.onPageSizeChange(Number(e.target.value))}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-950"
        >
          {p.pageSizes.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <Button variant="secondary" size="sm" onClick={() => p.onPageChange(p.page - 1)} disabled={p.page <= 1}>
          {t("previous")}
        </Button>
        <span className="tabular-nums" data-testid="streams-page">
          {t("page", { page: p.page, pageCount: p.pageCount })}
        </span>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => p.onPageChange(p.page + 1)}
          disabled={p.page >= p.pageCount}
        >
          {t("next")}
        </Button>
      </div>
    </nav>
  );
}
