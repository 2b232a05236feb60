"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { memo } from "react";
import { streamDetailHref } from "@/lib/streams/paths";
import type { StreamRow, StreamSort } from "@/lib/streams/types";
import { formatDuration, formatLocal, formatUtcFor } from "./time-format";
import { useNow } from "./use-now";

export interface StreamsTableProps {
  rows: StreamRow[];
  sort: StreamSort;
  onSortChange: (sort: StreamSort) => void;
  /** No data yet: show the skeleton. */
  loading: boolean;
  /** A new page is on its way; the old rows stay, dimmed. */
  updating: boolean;
  empty?: React.ReactNode;
}

const TH = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300";
const TD = "px-3 py-2 align-top";

export function StreamsTable({ rows, sort, onSortChange, loading, updating, empty }: StreamsTableProps) {
  const t = useTranslations("streams.table");
  const now = useNow(15_000);
  const ageSort = sort === "age-desc" ? "descending" : "ascending";
  return (
    // A focusable, labelled scroll region: on a phone the table scrolls sideways, also by keyboard.
    <div
      role="region"
      aria-label={t("region")}
      tabIndex={0}
      className="overflow-x-auto rounded-md border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
    >
      <table
        className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800"
        aria-busy={loading || updating}
        data-testid="streams-table"
      >
        <thead className="bg-slate-50 dark:bg-slate-900">
          <tr>
            <th scope="col" className={`${TH} hidden md:table-cell`}>
              {t("domain")}
            </th>
            <th scope="col" className={`${TH} hidden md:table-cell`}>
              {t("app")}
            </th>
            <th scope="col" className={TH}>
              {t("stream")}
            </th>
            <th scope="col" className={TH} aria-sort={ageSort}>
              <button
                type="button"
                onClick={() => onSortChange(sort === "age-desc" ? "age-asc" : "age-desc")}
                className="inline-flex items-center gap-1 whitespace-nowrap rounded uppercase hover:text-slate-900 dark:hover:text-white"
                data-testid="sort-by-age"
              >
                {t("publishingSince")}
                <span className="normal-case font-normal">
                  {sort === "age-desc" ? t("oldestFirst") : t("newestFirst")}
                </span>
                <span aria-hidden>⇅</span>
              </button>
            </th>
            <th scope="col" className={TH}>
              {t("for")}
            </th>
            <th scope="col" className={`${TH} text-right`}>
              {t("runningTasks")}
            </th>
          </tr>
        </thead>
        <tbody className={`divide-y divide-slate-100 dark:divide-slate-800 ${updating ? "opacity-60" : ""}`}>
          {loading ? <SkeletonRows /> : null}
          {!loading && rows.length === 0 ? (
            <tr>
              <td
                colSpan={6}
                className="px-3 py-10 text-center text-slate-600 dark:text-slate-300"
                data-testid="streams-empty"
              >
                {empty}
              </td>
            </tr>
          ) : null}
          {rows.map((r) => (
            <StreamRowView key={`${r.domainName}/${r.appName}/${r.streamName}`} row={r} now={now} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * One row, re-rendered only when what it shows changes: a narrower search keeps the rows that still match, and
 * each arrives from the server as a new object, so identity alone would redraw the whole page of rows.
 */
const StreamRowView = memo(
  function StreamRowView({ row, now }: { row: StreamRow; now: number }) {
    const t = useTranslations("streams.table");
    const time = useTranslations("streams.time");
    const locale = useLocale();
    return (
      <tr data-testid="stream-row" className="hover:bg-slate-50 dark:hover:bg-slate-800/60">
        <td
          className={`${TD} hidden break-all text-slate-700 md:table-cell dark:text-slate-300`}
          data-testid="stream-domain"
        >
          {row.domainName}
        </td>
        <td className={`${TD} hidden text-slate-700 md:table-cell dark:text-slate-300`}>{row.appName}</td>
        <td className={`${TD} break-words font-medium`}>
          {/* No prefetch: every keystroke in the search box brings a new page of rows, and prefetching each row's
              detail page would send 50 server requests that compete with the next search's. */}
          <Link
            href={streamDetailHref(row)}
            prefetch={false}
            className="rounded text-brand-700 underline underline-offset-2 hover:decoration-2 dark:text-brand-100"
            data-testid="stream-link"
          >
            {row.streamName}
          </Link>
          {/* On a phone the domain and app columns fold under the name. */}
          <div className="break-words text-xs font-normal text-slate-600 md:hidden dark:text-slate-400">
            {row.domainName} · {row.appName}
          </div>
        </td>
        <td className={`${TD} whitespace-nowrap`}>
          {row.publishingSince ? (
            <time
              dateTime={row.publishingSince}
              title={formatUtcFor(row.publishingSince, time)}
              suppressHydrationWarning
            >
              {formatLocal(row.publishingSince, locale)}
            </time>
          ) : (
            <span className="text-slate-500 dark:text-slate-400">{t("notReported")}</span>
          )}
        </td>
        <td className={`${TD} whitespace-nowrap tabular-nums`} suppressHydrationWarning>
          {row.publishingSince ? formatDuration(now - Date.parse(row.publishingSince), time) : "—"}
        </td>
        <td className={`${TD} text-right tabular-nums`} data-testid="running-tasks">
          {row.runningTasks > 0 ? (
            <span className="rounded-full bg-ok-50 px-2 py-0.5 font-semibold text-ok-700 ring-1 ring-inset ring-ok-300 dark:bg-ok-700/30 dark:text-ok-300 dark:ring-ok-700">
              {row.runningTasks}
            </span>
          ) : (
            <span className="text-slate-500 dark:text-slate-400">0</span>
          )}
        </td>
      </tr>
    );
  },
  (a, b) =>
    a.now === b.now &&
    a.row.domainName === b.row.domainName &&
    a.row.appName === b.row.appName &&
    a.row.streamName === b.row.streamName &&
    a.row.publishingSince === b.row.publishingSince &&
    a.row.runningTasks === b.row.runningTasks,
);

function SkeletonRows() {
  return (
    <>
      {Array.from({ length: 8 }, (_, i) => (
        <tr key={i} aria-hidden data-testid="stream-skeleton">
          {Array.from({ length: 6 }, (_, j) => (
            <td key={j} className={TD}>
              <div
                className="h-4 animate-pulse rounded bg-slate-200 dark:bg-slate-700"
                style={{ width: `${50 + ((i * 7 + j * 13) % 45)}%` }}
              />
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}
