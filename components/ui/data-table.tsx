import type { ReactNode } from "react";

const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300";

/**
 * The frame the console's tables share: a scrolling bordered box, a caption for screen readers, one header row
 * of column headings, and the rows the caller gives.
 */
export function DataTable({
  testId,
  caption,
  headings,
  children,
}: {
  testId: string;
  caption: string;
  headings: { key: string; label: ReactNode }[];
  children: ReactNode;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 dark:bg-slate-800/60">
          <tr>
            {headings.map((h) => (
              <th key={h.key} scope="col" className={th}>
                {h.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">{children}</tbody>
      </table>
    </div>
  );
}
