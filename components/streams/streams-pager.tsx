"use client";

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
  const first = p.matched === 0 ? 0 : (p.page - 1) * p.pageSize + 1;
  const last = Math.min(p.matched, p.page * p.pageSize);
  return (
    <nav aria-label="Stream list pages" className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <p aria-live="polite" data-testid="streams-count">
        {p.matched === 0
          ? "No matches"
          : `Showing ${first.toLocaleString()}–${last.toLocaleString()} of ${p.matched.toLocaleString()}`}
        {p.matched !== p.total ? ` (filtered from ${p.total.toLocaleString()} online)` : " online"}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor="stream-page-size" className="text-slate-700 dark:text-slate-300">
          Rows per page
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
          Previous
        </Button>
        <span className="tabular-nums" data-testid="streams-page">
          Page {p.page} of {p.pageCount}
        </span>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => p.onPageChange(p.page + 1)}
          disabled={p.page >= p.pageCount}
        >
          Next
        </Button>
      </div>
    </nav>
  );
}
