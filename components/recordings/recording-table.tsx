import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { CopyButton } from "@/components/ui/copy-button";
import { formatUtc } from "@/components/streams/time-format";
import type { RecordingRow } from "@/lib/recordings/definitions";
import { durationParts, formatBytes, safeVideoHref } from "./format";

const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300";
const td = "px-3 py-2 align-top";

function streamHref(r: RecordingRow): string {
  return `/streams/${encodeURIComponent(r.domainName)}/${encodeURIComponent(r.appName)}/${encodeURIComponent(r.streamName)}`;
}

/**
 * Recording files as Tencent reported them: format, start → end (UTC), duration, size, the download link (a new
 * tab) and the file id with a copy button, for a ticket.
 */
export function RecordingTable({
  rows,
  caption,
  showStream = false,
  showTask = true,
}: {
  rows: RecordingRow[];
  caption: string;
  showStream?: boolean;
  showTask?: boolean;
}) {
  const t = useTranslations("recordings");
  const locale = useLocale();
  const duration = (seconds: number) => {
    const { key, values } = durationParts(seconds);
    return t(`duration.${key}`, values);
  };
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table
        className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800"
        data-testid="recording-table"
      >
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 dark:bg-slate-800/60">
          <tr>
            {showStream ? (
              <th scope="col" className={th}>
                {t("table.stream")}
              </th>
            ) : null}
            <th scope="col" className={th}>
              {t("table.format")}
            </th>
            <th scope="col" className={th}>
              {t("table.startEnd")}
            </th>
            <th scope="col" className={th}>
              {t("table.duration")}
            </th>
            <th scope="col" className={th}>
              {t("table.size")}
            </th>
            <th scope="col" className={th}>
              {t("table.file")}
            </th>
            {showTask ? (
              <th scope="col" className={th}>
                {t("table.task")}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
          {rows.map((r) => {
            const href = safeVideoHref(r.videoUrl);
            return (
              <tr key={r.id} data-testid="recording-row" data-file-id={r.fileId}>
                {showStream ? (
                  <td className={td}>
                    <Link
                      translate="no"
                      href={streamHref(r)}
                      className="font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-100"
                    >
                      {r.streamName}
                    </Link>
                    <div className="text-xs text-slate-600 dark:text-slate-400" translate="no">
                      {r.domainName} / {r.appName}
                    </div>
                  </td>
                ) : null}
                <td className={`${td} font-mono text-xs`}>{r.fileFormat}</td>
                <td className={`${td} whitespace-nowrap`}>
                  <div>
                    <time dateTime={r.startTime}>{formatUtc(r.startTime)}</time>
                  </div>
                  <div className="text-slate-600 dark:text-slate-400">
                    <span aria-hidden="true">→ </span>
                    <span className="sr-only">{t("table.until")}</span>
                    <time dateTime={r.endTime}>{formatUtc(r.endTime)}</time>
                  </div>
                </td>
                <td className={`${td} whitespace-nowrap`}>{duration(r.durationSeconds)}</td>
                <td className={`${td} whitespace-nowrap`} title={t("table.bytes", { bytes: r.fileSize })}>
                  {formatBytes(r.fileSize, locale)}
                </td>
                <td className={`${td} text-xs`}>
                  {href ? (
                    <a
                      href={href}
                      target="_blank"
                      rel="noopener noreferrer"
                      className="font-medium text-brand-700 underline dark:text-brand-100"
                      data-testid="recording-link"
                    >
                      {t("table.openVideo")}
                      <span className="sr-only">
                        {" "}
                        {t("table.openVideoDetail", { format: r.fileFormat, fileId: r.fileId })}
                      </span>
                    </a>
                  ) : (
                    <span className="text-slate-600 dark:text-slate-400" title={r.videoUrl}>
                      {t("table.noLink")}
                    </span>
                  )}
                  <div className="mt-1 flex flex-wrap items-center gap-1.5">
                    <code
                      data-testid="file-id"
                      className="break-all rounded bg-slate-100 px-1 font-mono dark:bg-slate-800"
                    >
                      {r.fileId}
                    </code>
                    <CopyButton value={r.fileId} what={t("table.fileId")} />
                  </div>
                </td>
                {showTask ? <td className={`${td} font-mono text-xs`}>{r.taskId ?? "—"}</td> : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
