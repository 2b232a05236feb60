import Link from "next/link";
import { useTranslations } from "next-intl";
import type { AuditRowView } from "@/lib/audit/definitions";
import { OutcomeBadge } from "./outcome-badge";

function utc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** Newest first. Every RequestId and error code is shown in full: they are what a Tencent ticket needs. */
export function AuditTable({
  rows,
  caption,
  testId = "audit-table",
}: {
  rows: AuditRowView[];
  caption: string;
  testId?: string;
}) {
  const t = useTranslations("audit");
  const roles = useTranslations("shell.roles");
  // Codes and stored values stay as they are (the CSV, a ticket); where the reader's language has a word for one,
  // it is shown next to it. Text typed by people or sent by Tencent is data: translate="no" says so (to browsers
  // and to the zh-CN e2e check that nothing else is left in English).
  const actionLabel = (action: string) => (t.has(`actions.${action}`) ? t(`actions.${action}`) : action);
  return (
    <div
      className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
      tabIndex={0}
      role="region"
      aria-label={caption}
    >
      <table data-testid={testId} className="min-w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-100 text-xs uppercase tracking-wide text-slate-700 dark:bg-slate-800 dark:text-slate-200">
          <tr>
            <th scope="col" className="px-3 py-2">
              #
            </th>
            <th scope="col" className="px-3 py-2">
              {t("table.time")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("table.actor")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("table.action")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("table.target")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("table.reason")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("table.outcome")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("table.requestId")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("table.error")}
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              {t("table.latency")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
          {rows.map((r) => (
            <tr key={r.id} data-testid="audit-row" data-outcome={r.outcome} className="align-top">
              <td className="px-3 py-2 font-mono text-xs text-slate-600 dark:text-slate-400">{r.id}</td>
              <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">
                <time dateTime={r.at}>{utc(r.at)}</time>
                {r.finishedAt && r.outcome === "unknown" ? (
                  <div className="text-slate-600 dark:text-slate-400">
                    {t("table.marked")} <time dateTime={r.finishedAt}>{utc(r.finishedAt)}</time>
                  </div>
                ) : null}
              </td>
              <td className="px-3 py-2">
                <div className="break-all">
                  {r.actorEmail ?? <span className="text-slate-600 dark:text-slate-400">{t("table.anonymous")}</span>}
                </div>
                {r.actorRole ? (
                  <div className="text-xs text-slate-600 dark:text-slate-400">
                    {roles.has(r.actorRole) ? roles(r.actorRole) : r.actorRole}
                  </div>
                ) : null}
                {r.clientIp ? (
                  <div className="font-mono text-xs text-slate-600 dark:text-slate-400">{r.clientIp}</div>
                ) : null}
              </td>
              <td
                className={`whitespace-nowrap px-3 py-2 ${actionLabel(r.action) === r.action ? "font-mono " : ""}text-xs`}
              >
                {actionLabel(r.action)}
              </td>
              <td className="px-3 py-2 text-xs">
                {r.streamName ? (
                  <div className="break-all" translate="no">
                    {[r.domainName, r.appName, r.streamName].filter(Boolean).join(" / ")}
                  </div>
                ) : null}
                {r.taskId ? (
                  <div>
                    {t("table.taskId")}{" "}
                    <Link
                      className="font-mono text-brand-700 underline dark:text-brand-100"
                      href={`/audit?taskId=${encodeURIComponent(r.taskId)}`}
                    >
                      {r.taskId}
                    </Link>
                  </div>
                ) : null}
                {r.jobId ? (
                  <div>
                    {t("table.job")}{" "}
                    <Link
                      className="font-mono text-brand-700 underline dark:text-brand-100"
                      href={`/audit?jobId=${encodeURIComponent(r.jobId)}`}
                    >
                      {r.jobId.slice(0, 8)}
                    </Link>
                  </div>
                ) : null}
              </td>
              <td
                className="max-w-xs whitespace-pre-wrap break-words px-3 py-2"
                data-testid="audit-reason"
                translate="no"
              >
                {r.reason}
              </td>
              <td className="px-3 py-2">
                <OutcomeBadge outcome={r.outcome} />
              </td>
              <td className="px-3 py-2 font-mono text-xs break-all">{r.requestId}</td>
              <td className="max-w-xs px-3 py-2 text-xs">
                {r.errorCode ? <div className="font-mono font-semibold">{r.errorCode}</div> : null}
                {r.errorMessage ? (
                  <div className="break-words text-slate-700 dark:text-slate-300" translate="no">
                    {r.errorMessage}
                  </div>
                ) : null}
              </td>
              <td className="whitespace-nowrap px-3 py-2 text-right font-mono text-xs">
                {r.latencyMs === null ? "" : t("table.milliseconds", { ms: r.latencyMs })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
