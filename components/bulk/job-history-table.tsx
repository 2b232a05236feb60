import Link from "next/link";
import { useTranslations } from "next-intl";
import { DataTable } from "@/components/ui/data-table";
import type { BulkJobView } from "@/lib/bulk/types";
import { StatusBadge } from "@/components/ui/status-badge";
import { LocalTime } from "@/components/tasks/local-time";
import { formatDuration, jobStateTone } from "./format";

const td = "px-3 py-2 align-top";
const COLUMNS = [
  "started",
  "by",
  "reason",
  "state",
  "stopped",
  "failed",
  "pending",
  "cancelled",
  "duration",
  "audit",
] as const;

/** Job history: who ran which bulk stop, when, why, how it ended, and where its audit records are. */
export function JobHistoryTable({ jobs }: { jobs: BulkJobView[] }) {
  const t = useTranslations("bulk");
  const roles = useTranslations("shell.roles");
  const duration = useTranslations("bulk.duration");
  if (jobs.length === 0) {
    return (
      <div
        data-testid="jobs-empty"
        className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-700 dark:border-slate-700 dark:text-slate-300"
      >
        {t("history.empty")}
      </div>
    );
  }
  return (
    <DataTable
      testId="jobs-table"
      caption={t("history.caption")}
      headings={COLUMNS.map((h) => ({ key: h, label: t(`history.columns.${h}`) }))}
    >
      {jobs.map((j) => (
        <tr key={j.id} data-testid="job-row" data-job-id={j.id}>
          <td className={td}>
            <Link
              href={`/jobs/${j.id}`}
              className="font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-100"
            >
              <LocalTime iso={j.createdAt} />
            </Link>
          </td>
          <td className={td}>
            {j.createdByEmail}
            {j.createdByRole ? (
              <div className="text-xs text-slate-600 dark:text-slate-400">
                {roles.has(j.createdByRole) ? roles(j.createdByRole) : j.createdByRole}
              </div>
            ) : null}
          </td>
          <td className={`${td} max-w-xs`} translate="no">
            {j.reason}
          </td>
          <td className={td}>
            <StatusBadge tone={jobStateTone(j.state)}>{t(`jobStates.${j.state}`)}</StatusBadge>
          </td>
          <td className={`${td} tabular-nums`}>{j.counts.stopped}</td>
          <td className={`${td} tabular-nums`}>{j.counts.failed}</td>
          <td className={`${td} tabular-nums`}>{j.counts.pending + j.counts.sending}</td>
          <td className={`${td} tabular-nums`}>{j.counts.cancelled}</td>
          <td className={`${td} tabular-nums`}>
            {j.durationMs === null ? "—" : formatDuration(j.durationMs, duration)}
          </td>
          <td className={td}>
            <Link href={`/audit?jobId=${j.id}`} className="underline">
              {t("history.auditLink")}
            </Link>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
