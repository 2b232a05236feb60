"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import Link from "next/link";
import { useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { parsePausedReason } from "@/lib/bulk/paused-reason";
import { isJobActive, type BulkItemState, type JobProgressResponse } from "@/lib/bulk/types";
import { Button } from "@/components/ui/button";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDuration, jobStateTone } from "./format";
import { JobItemsTable } from "./job-items-table";
import { RateOfLimit } from "./rate-of-limit";

export type JobControlAction = (jobId: string) => Promise<ActionResult<{ affected: number }>>;

const PAGE = 100;
const ITEM_FILTERS = ["failed", "pending", "stopped", "cancelled"] as const;

/**
 * Live progress of one bulk job, polled with TanStack Query while the job can still change by itself (and
 * not at all once it is finished, paused or cancelled: those only change when someone acts, which refetches).
 * Without the control actions (a manager's view) it is read only.
 */
export function JobProgress({
  jobId,
  initial,
  cancelAction,
  retryAction,
  stopLimitPerSecond,
  recordTaskStopLimitPerSecond,
}: {
  jobId: string;
  initial: JobProgressResponse;
  /** StopLiveRecord's limit as this server applies it: on-call engineers read the rate against it. */
  stopLimitPerSecond: number;
  /** StopRecordTask's: a job with RecordTasks in it is read against the best its two lanes allow together. */
  recordTaskStopLimitPerSecond: number;
  cancelAction?: JobControlAction;
  retryAction?: JobControlAction;
}) {
  const t = useTranslations("bulk");
  const duration = useTranslations("bulk.duration");
  const format = useFormatter();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<BulkItemState | "">("");
  const [offset, setOffset] = useState(0);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState<"cancel" | "retry" | null>(null);
  const { data, error } = useQuery({
    queryKey: ["bulk-job", jobId, filter, offset],
    queryFn: async (): Promise<JobProgressResponse> => {
      const q = new URLSearchParams({
        ...(filter ? { state: filter } : {}),
        ...(offset ? { offset: String(offset) } : {}),
      });
      const res = await fetch(`/api/jobs/${jobId}${q.size ? `?${q}` : ""}`, { cache: "no-store" });
      if (!res.ok)
        throw new Error(
          `HTTP ${res.status}: ${((await res.json().catch(() => ({}))) as { message?: string }).message ?? res.statusText}`,
        );
      return (await res.json()) as JobProgressResponse;
    },
    initialData: filter === "" && offset === 0 ? initial : undefined,
    placeholderData: (previous) => previous,
    refetchInterval: (q) =>
      q.state.data && !isJobActive(q.state.data.job.state, q.state.data.job.counts) ? false : 1000,
  });
  const current = data ?? initial;
  const { job, items } = current;
  // The server page explained the paused reason's code too; a poll explains only the listed items' codes.
  const explanations = { ...initial.explanations, ...current.explanations };
  const c = job.counts;
  const done = c.stopped + c.failed + c.cancelled;
  const pausedReason = job.pausedReason ? parsePausedReason(job.pausedReason) : null;
  const pausedText = pausedReason ? describePausedReason(pausedReason, explanations, t) : "";
  const pct = (n: number) => `${c.total ? (n / c.total) * 100 : 0}%`;

  async function control(kind: "cancel" | "retry") {
    const action = kind === "cancel" ? cancelAction : retryAction;
    if (!action) return;
    setBusy(kind);
    const r = await action(jobId);
    setBusy(null);
    setNotice(
      r.ok
        ? {
            ok: true,
            text: t(kind === "cancel" ? "progress.cancelledNotice" : "progress.requeuedNotice", { count: r.affected }),
          }
        : { ok: false, text: t("progress.failedNotice", { code: r.code, message: r.message }) },
    );
    await queryClient.invalidateQueries({ queryKey: ["bulk-job", jobId] });
  }

  return (
    <div className="space-y-5" data-testid="job-progress" data-state={job.state}>
      <section
        aria-labelledby="progress-h"
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      >
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="progress-h" className="text-lg font-semibold">
            {t("progress.heading")}
          </h2>
          <StatusBadge tone={jobStateTone(job.state)} testId="job-state">
            {t(`jobStates.${job.state}`)}
          </StatusBadge>
          <span className="text-sm text-slate-700 dark:text-slate-300">
            {t("progress.done", { done, total: c.total })}
          </span>
          <span className="ml-auto flex gap-2">
            {/* A cancelled job is closed for good (the server refuses a retry too): start a new bulk stop instead. */}
            {retryAction && (c.failed > 0 || job.state === "paused") && job.state !== "cancelled" ? (
              <Button
                variant="secondary"
                size="sm"
                busy={busy === "retry"}
                busyLabel={t("progress.queuing")}
                onClick={() => void control("retry")}
                disabled={busy !== null}
                data-testid="job-retry"
              >
                {t(job.state === "paused" ? "progress.retryAndResume" : "progress.retry")}
              </Button>
            ) : null}
            {cancelAction && (job.state === "running" || job.state === "paused") ? (
              <Button
                variant="danger"
                size="sm"
                busy={busy === "cancel"}
                busyLabel={t("progress.cancelling")}
                onClick={() => void control("cancel")}
                disabled={busy !== null}
                data-testid="job-cancel"
              >
                {t("progress.cancel")}
              </Button>
            ) : null}
          </span>
        </div>
        <div
          role="progressbar"
          aria-label={t("progress.bar")}
          aria-valuemin={0}
          aria-valuemax={c.total}
          aria-valuenow={done}
          className="flex h-4 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
        >
          <div className="bg-emerald-600" style={{ width: pct(c.stopped) }} />
          <div className="bg-red-600" style={{ width: pct(c.failed) }} />
          <div className="bg-amber-500" style={{ width: pct(c.cancelled) }} />
        </div>
        <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-6" data-testid="job-counts">
          {(
            [
              ["stopped", c.stopped, "count-stopped"],
              ["failed", c.failed, "count-failed"],
              ["pending", c.pending + c.sending, "count-pending"],
              ["cancelled", c.cancelled, "count-cancelled"],
            ] as const
          ).map(([label, n, id]) => (
            <div key={id}>
              <dt className="text-slate-600 dark:text-slate-400">{t(`progress.${label}`)}</dt>
              <dd className="text-lg font-semibold tabular-nums" data-testid={id}>
                {format.number(n)}
              </dd>
            </div>
          ))}
          <div>
            <dt className="text-slate-600 dark:text-slate-400">{t("progress.rate")}</dt>
            <dd className="text-lg font-semibold tabular-nums" data-testid="job-rate">
              {t("progress.rateValue", { rate: job.ratePerSecond })}
            </dd>
            {job.ratePerSecond > 0 ? (
              <dd className="text-xs text-slate-600 tabular-nums dark:text-slate-400" data-testid="job-rate-ratio">
                <RateOfLimit
                  job={job}
                  legacyLimit={stopLimitPerSecond}
                  recordTaskLimit={recordTaskStopLimitPerSecond}
                />
              </dd>
            ) : null}
          </div>
          <div>
            <dt className="text-slate-600 dark:text-slate-400">
              {t(job.state === "running" ? "progress.timeLeft" : "progress.duration")}
            </dt>
            <dd className="text-lg font-semibold tabular-nums" data-testid="job-time">
              {job.state === "running"
                ? job.secondsLeft === null
                  ? "—"
                  : formatDuration(job.secondsLeft * 1000, duration)
                : job.durationMs === null
                  ? "—"
                  : formatDuration(job.durationMs, duration)}
            </dd>
          </div>
        </dl>
        {job.state === "paused" && job.pausedReason ? (
          <p
            role="alert"
            className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100"
            data-testid="job-paused"
          >
            {t.rich(
              retryAction
                ? pausedReason?.kind === "actor-disabled"
                  ? "progress.pausedActor"
                  : "progress.pausedAccount"
                : "progress.pausedReadOnly",
              { reason: pausedText, strong: (chunks) => <strong>{chunks}</strong> },
            )}
          </p>
        ) : null}
        {notice ? (
          <p
            role="status"
            className={`text-sm ${notice.ok ? "text-emerald-800 dark:text-emerald-300" : "text-red-800 dark:text-red-300"}`}
            data-testid="job-notice"
          >
            {notice.text}
          </p>
        ) : null}
        {error ? (
          <p role="alert" className="text-sm text-red-800 dark:text-red-300">
            {t("progress.refreshFailed", { error: error.message })}
          </p>
        ) : null}
        <p className="text-sm">
          <Link href={`/audit?jobId=${job.id}`} className="text-brand-700 underline dark:text-brand-100">
            {t("progress.auditLink")}
          </Link>
        </p>
      </section>

      <section aria-labelledby="items-h" className="space-y-2">
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="items-h" className="text-lg font-semibold">
            {t("items.heading")}
          </h2>
          <label className="text-sm">
            {t("items.show")}{" "}
            <select
              value={filter}
              onChange={(e) => {
                setFilter(e.target.value as BulkItemState | "");
                setOffset(0);
              }}
              className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-800"
            >
              <option value="">{t("items.all")}</option>
              {ITEM_FILTERS.map((s) => (
                <option key={s} value={s}>
                  {t(`itemStates.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <span className="text-sm text-slate-600 dark:text-slate-400" data-testid="job-items-range">
            {items.total > items.items.length
              ? t("items.range", { from: offset + 1, to: offset + items.items.length, total: items.total })
              : t("items.count", { count: items.total })}
          </span>
          {items.total > PAGE ? (
            <span className="ml-auto flex gap-2">
              <Button
                variant="secondary"
                size="sm"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - PAGE))}
              >
                {t("items.previous")}
              </Button>
              <Button
                variant="secondary"
                size="sm"
                disabled={offset + PAGE >= items.total}
                onClick={() => setOffset(offset + PAGE)}
              >
                {t("items.next")}
              </Button>
            </span>
          ) : null}
        </div>
        <JobItemsTable items={items.items} explanations={explanations} />
      </section>
    </div>
  );
}

/** The stored (English) paused reason, said again in the page's language. */
function describePausedReason(
  reason: ReturnType<typeof parsePausedReason>,
  explanations: JobProgressResponse["explanations"],
  t: ReturnType<typeof useTranslations<"bulk">>,
): string {
  if (reason.kind === "actor-disabled")
    return t("progress.pausedReasonActor", { code: reason.code, email: reason.email });
  const x = reason.kind === "live-error" ? explanations[reason.code] : undefined;
  return x ? t("progress.pausedReasonLive", { code: x.code, title: x.title, nextStep: x.nextStep }) : reason.text;
}
