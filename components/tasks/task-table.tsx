"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { Fragment, useState, type ReactNode } from "react";
import { RequestIdLine } from "@/components/ui/copy-button";
import { RecordingTable } from "@/components/recordings/recording-table";
import { TENCENT_ACTOR, type RecordingRow } from "@/lib/recordings/definitions";
import { isStoppable, type TaskView } from "@/lib/tasks/definitions";
import { formatAge } from "./format";
import { LocalTime } from "./local-time";
import { StopOutcomePanel, type StopOutcome } from "./stop-outcome";
import { StopTaskButton, type StopAction } from "./stop-task-button";
import { TaskStateBadge } from "./task-state-badge";
import { FamilyBadge } from "./family-badge";
import { DeleteTaskButton, type DeleteAction } from "./delete-task-button";

/**
 * Extension point for row selection (bulk stop lives on this page but belongs to another feature): a column
 * rendered before all others. The table stays ignorant of what selection means.
 */
export interface TaskTableSelection {
  header: ReactNode;
  cell: (row: TaskView) => ReactNode;
}

export interface TaskTableProps {
  rows: TaskView[];
  /** Server time the rows were read at, so ages match the data and do not jump on hydration. */
  now: string;
  /** Absent when the viewer may not stop tasks: no Stop buttons are rendered at all. */
  stopAction?: StopAction;
  selection?: TaskTableSelection;
  caption?: string;
  /** Hide the stream column (e.g. on a stream's own page). */
  hideStream?: boolean;
  empty?: ReactNode;
  /** The viewer may read the audit log: each row links to its task's audit history. */
  auditLinks?: boolean;
  /** The viewer may correct registrations (on-call, admin): each row links to its correction form. */
  correctLinks?: boolean;
  /** Absent when the viewer may not delete tasks (on-call and admin may). */
  deleteAction?: DeleteAction;
  /** Recording files Tencent reported, by TaskId: shown under their task's row. */
  recordings?: Readonly<Record<string, RecordingRow[]>>;
}

const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300";
const td = "px-3 py-2 align-top";

export function TaskTable({
  rows,
  now,
  stopAction,
  selection,
  caption,
  hideStream,
  empty,
  auditLinks,
  correctLinks,
  deleteAction,
  recordings,
}: TaskTableProps) {
  const t = useTranslations("tasks");
  const tAge = useTranslations("tasks.age");
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const [results, setResults] = useState<Readonly<Record<string, StopOutcome>>>({});
  // A row someone just acted on stays (with its outcome) even if the refreshed list no longer contains it,
  // e.g. a stopped task under the "recording" filter: the result stays until dismissed.
  const [kept, setKept] = useState<Readonly<Record<string, { row: TaskView; index: number }>>>({});
  // Rows with a Delete in flight or its outcome on screen: kept too, since a deleted task may leave the list.
  const [deleting, setDeleting] = useState<Readonly<Record<string, { row: TaskView; index: number }>>>({});
  const shown = withKeptRows(rows, { ...kept, ...deleting }, (id) => Boolean(results[id] || deleting[id]));

  if (shown.length === 0) {
    return (
      <div
        data-testid="tasks-empty"
        className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-700 dark:border-slate-700 dark:text-slate-300"
      >
        {empty ?? t("empty.default")}
      </div>
    );
  }

  // On phones the TaskId moves under the stream name (when that column is shown) so State and Stop stay on screen.
  const taskIdCol = hideStream ? "" : "hidden sm:table-cell";
  const columns = 8 + (selection ? 1 : 0) - (hideStream ? 1 : 0);
  const setRowPending = (id: string, on: boolean) =>
    setPending((p) => {
      const next = new Set(p);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800" data-testid="task-table">
        <caption className="sr-only">{caption ?? t("table.caption")}</caption>
        <thead className="bg-slate-50 dark:bg-slate-800/60">
          <tr>
            {selection ? (
              <th scope="col" className={th}>
                {selection.header}
              </th>
            ) : null}
            {hideStream ? null : (
              <th scope="col" className={th}>
                {t("table.stream")}
              </th>
            )}
            <th scope="col" className={`${th} ${taskIdCol}`}>
              {t("table.taskId")}
            </th>
            <th scope="col" className={th}>
              {t("table.state")}
            </th>
            <th scope="col" className={th}>
              <span className="sr-only">{t("table.actions")}</span>
            </th>
            {/* One column for both ends, so the Last action column (the RequestId) fits a 1280-px screen. */}
            <th scope="col" className={th}>
              {t("table.startEnd")}
            </th>
            <th scope="col" className={th}>
              {t("table.age")}
            </th>
            <th scope="col" className={th}>
              {t("table.createdBy")}
            </th>
            <th scope="col" className={th}>
              {t("table.lastAction")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
          {shown.map((row) => {
            const isPending = pending.has(row.taskId);
            const state = isPending ? "stopping" : row.state;
            const result = results[row.taskId];
            return (
              <Fragment key={row.taskId}>
                <tr
                  data-testid="task-row"
                  data-task-id={row.taskId}
                  data-state={state}
                  data-family={row.family}
                  className="hover:bg-slate-50 dark:hover:bg-slate-800/40"
                >
                  {selection ? <td className={td}>{selection.cell(row)}</td> : null}
                  {hideStream ? null : (
                    <td className={td}>
                      <Link
                        // A stream's page needs its domain (DescribeLiveStreamState asks for it); a task registered
                        // without one links to its stream's tasks instead.
                        href={
                          row.domainName
                            ? `/streams/${encodeURIComponent(row.domainName)}/${encodeURIComponent(row.appName)}/${encodeURIComponent(row.streamName)}`
                            : `/tasks?stream=${encodeURIComponent(row.streamName)}`
                        }
                        className="font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-100"
                      >
                        {row.streamName}
                      </Link>
                      <div className="text-xs text-slate-600 dark:text-slate-400">
                        {row.domainName || t("table.domainNotGiven")} / {row.appName}
                      </div>
                      <div className="font-mono text-xs sm:hidden">
                        <FamilyBadge family={row.family} /> {t("table.mobileTaskId", { taskId: row.taskId })}
                      </div>
                    </td>
                  )}
                  <td className={`${td} ${taskIdCol} font-mono text-xs`} data-testid="task-id">
                    <div className="mb-1">
                      <FamilyBadge family={row.family} />
                    </div>
                    <span className="break-all">{row.taskId}</span>
                  </td>
                  <td className={td}>
                    <TaskStateBadge state={state} />
                  </td>
                  <td className={`${td} whitespace-nowrap`}>
                    {stopAction && (isStoppable(row.state) || isPending) ? (
                      <StopTaskButton
                        task={row}
                        action={stopAction}
                        onPendingChange={(on) => setRowPending(row.taskId, on)}
                        onResult={(r) => {
                          setResults((prev) => ({ ...prev, [row.taskId]: r }));
                          const index = rows.findIndex((x) => x.taskId === row.taskId);
                          setKept((prev) => ({
                            ...prev,
                            [row.taskId]: { row: r.ok ? { ...row, state: "stopped" } : row, index },
                          }));
                        }}
                      />
                    ) : null}
                    {auditLinks ? (
                      <Link
                        href={`/audit?taskId=${encodeURIComponent(row.taskId)}`}
                        className="ml-2 text-xs text-brand-700 underline dark:text-brand-100"
                      >
                        {t("table.auditHistory")}
                      </Link>
                    ) : null}
                    {deleteAction && (isDeletable(row) || deleting[row.taskId]) ? (
                      <div className="mt-1">
                        <DeleteTaskButton
                          task={row}
                          action={deleteAction}
                          showButton={isDeletable(row) && !deleting[row.taskId]}
                          onActiveChange={(on) =>
                            setDeleting((prev) =>
                              on
                                ? {
                                    ...prev,
                                    [row.taskId]: { row, index: rows.findIndex((x) => x.taskId === row.taskId) },
                                  }
                                : without(prev, row.taskId),
                            )
                          }
                        />
                      </div>
                    ) : null}
                    {correctLinks && row.family === "legacy" ? (
                      // Under the other controls, not beside them: the row must still fit a 1280-px screen.
                      <div className="mt-1">
                        <Link
                          href={`/tasks/correct?taskId=${encodeURIComponent(row.taskId)}`}
                          className="text-xs text-brand-700 underline dark:text-brand-100"
                          data-testid="correct-link"
                          aria-label={t("table.correctLabel", { taskId: row.taskId })}
                        >
                          {t("table.correct")}
                        </Link>
                      </div>
                    ) : null}
                  </td>
                  <td className={`${td} whitespace-nowrap`}>
                    <div>
                      <LocalTime iso={row.startTime} />
                    </div>
                    <div className="text-slate-600 dark:text-slate-400">
                      <span aria-hidden="true">→ </span>
                      <span className="sr-only">{t("table.until")}</span>
                      <LocalTime iso={row.endTime} />
                    </div>
                  </td>
                  <td className={`${td} whitespace-nowrap`}>{formatAge(row.startTime ?? row.createdAt, now, tAge)}</td>
                  <td className={`${td} text-xs`}>
                    <div>{row.createdByEmail ?? "—"}</div>
                    <div className="text-slate-600 dark:text-slate-400">
                      {t("table.source", { source: row.source })}
                    </div>
                  </td>
                  <td className={`${td} min-w-56 max-w-72 text-xs`}>
                    <LastAction row={row} />
                  </td>
                </tr>
                {recordings?.[row.taskId]?.length ? (
                  <tr data-testid="task-recordings-row" data-task-id={row.taskId}>
                    <td colSpan={columns} className="px-3 pb-3">
                      <details className="sticky left-3 max-w-[calc(100vw-3rem)]">
                        <summary className="cursor-pointer text-xs font-medium text-brand-700 dark:text-brand-100">
                          {t("table.recordingFiles", { count: recordings[row.taskId]!.length, taskId: row.taskId })}
                        </summary>
                        <div className="mt-2">
                          <RecordingTable
                            rows={recordings[row.taskId]!}
                            caption={t("table.recordingFilesCaption", { taskId: row.taskId })}
                            showTask={false}
                          />
                        </div>
                      </details>
                    </td>
                  </tr>
                ) : null}
                {result ? (
                  <tr data-testid="task-result-row" data-task-id={row.taskId}>
                    <td colSpan={columns} className="px-3 pb-3">
                      {/* Pinned to the visible part of a table wider than the screen, so Dismiss and the RequestId are never off to the right. */}
                      <div className="sticky left-3 max-w-[calc(100vw-3rem)]">
                        <StopOutcomePanel
                          result={result}
                          onDismiss={() => {
                            setResults((prev) => without(prev, row.taskId));
                            setKept((prev) => without(prev, row.taskId));
                          }}
                        />
                      </div>
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Delete is offered while Tencent still has the task: a legacy task only when it is not recording (Tencent
 * refuses that), a RecordTask whatever its state (Delete does not stop it, which the dialog says).
 */
function isDeletable(row: TaskView): boolean {
  if (row.deletedAt) return false;
  return row.family === "recordTask" || (row.state !== "recording" && row.state !== "stopping");
}

function without<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const next = { ...record };
  delete next[key];
  return next;
}

/** The server's rows, plus rows with an undismissed outcome that the refreshed page no longer lists. */
function withKeptRows(
  rows: TaskView[],
  kept: Readonly<Record<string, { row: TaskView; index: number }>>,
  showing: (taskId: string) => boolean,
): TaskView[] {
  const present = new Set(rows.map((r) => r.taskId));
  const out = [...rows];
  for (const [taskId, k] of Object.entries(kept)) {
    if (present.has(taskId) || !showing(taskId)) continue;
    out.splice(Math.min(Math.max(k.index, 0), out.length), 0, k.row);
  }
  return out;
}

function LastAction({ row }: { row: TaskView }) {
  const t = useTranslations("tasks.table");
  if (!row.lastAction) return <span className="text-slate-500 dark:text-slate-400">—</span>;
  return (
    <div className="space-y-1" data-testid="last-action">
      <div>
        <span className="font-medium">{t("action", { action: row.lastAction })}</span>{" "}
        {row.lastOk === "ok" ? (
          <span className="text-ok-700 dark:text-ok-300">{t("actionOk")}</span>
        ) : (
          <span className="text-danger-700 dark:text-danger-300">
            {t.rich("actionFailed", {
              code: (chunks) => <code className="font-mono">{chunks}</code>,
              errorCode: row.lastErrorCode ?? "",
            })}
          </span>
        )}
        {row.lastActionBy ? (
          <span className="text-slate-600 dark:text-slate-400">
            {" · "}
            {/* Tencent itself (a record-status callback) is named in the reader's language; a person is data. */}
            {row.lastActionBy === TENCENT_ACTOR ? t("byTencent") : <span translate="no">{row.lastActionBy}</span>}
          </span>
        ) : null}
      </div>
      {row.lastActionAt ? (
        <div className="text-slate-600 dark:text-slate-400">
          <LocalTime iso={row.lastActionAt} />
        </div>
      ) : null}
      {row.lastRequestId ? <RequestIdLine requestId={row.lastRequestId} /> : null}
    </div>
  );
}
