"use client";

import { useMemo, useState, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import type { BulkSelection } from "@/lib/bulk/selection-types";
import { isStoppable, RUNNING_PRESETS_HOURS, type TaskFilters, type TaskView } from "@/lib/tasks/definitions";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import { TaskTable, type TaskTableProps } from "@/components/tasks/task-table";
import type { StopAction } from "@/components/tasks/stop-task-button";
import type { DeleteAction } from "@/components/tasks/delete-task-button";
import { BulkStopDialog, type CreateAction, type PreviewAction } from "./bulk-stop-dialog";

export interface BulkTaskSelectionProps {
  rows: TaskView[];
  now: string;
  stopAction?: StopAction;
  empty?: ReactNode;
  /** The list's current filter and how many of the tasks it matches (all pages) a Stop makes sense for. */
  filters: TaskFilters;
  stoppable: number;
  previewAction: PreviewAction;
  createAction: CreateAction;
  auditLinks?: boolean;
  correctLinks?: boolean;
  deleteAction?: DeleteAction;
  recordings?: TaskTableProps["recordings"];
}

/**
 * The Tasks table with a selection column (through TaskTable's `selection` seam) and the bulk-stop toolbar:
 * tick rows, take every task matching the filter (resolved on the server, not just this page), or the
 * "running longer than N hours" runaway preset.
 */
export function BulkTaskSelection({
  rows,
  now,
  stopAction,
  empty,
  filters,
  stoppable,
  previewAction,
  createAction,
  auditLinks,
  correctLinks,
  deleteAction,
  recordings,
}: BulkTaskSelectionProps) {
  const t = useTranslations("bulk.selection");
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [whole, setWhole] = useState<{ filters: TaskFilters; label: string } | null>(null);
  const [hours, setHours] = useState<number>(filters.runningHours ?? 24);
  const [dialog, setDialog] = useState<BulkSelection | null>(null);
  const hydrated = useHydrated();
  const pageIds = useMemo(() => rows.filter((r) => isStoppable(r.state)).map((r) => r.taskId), [rows]);
  const allOnPage = pageIds.length > 0 && pageIds.every((id) => picked.has(id));

  const toggle = (id: string, on: boolean) => {
    setWhole(null);
    setPicked((p) => {
      const next = new Set(p);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  };
  const selection: BulkSelection | null = whole
    ? { kind: "filter", filters: whole.filters }
    : picked.size > 0
      ? { kind: "ids", taskIds: [...picked] }
      : null;
  const summary = whole ? whole.label : t("selected", { count: picked.size });

  return (
    <div className="space-y-3">
      <div
        className="flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 bg-slate-50 p-3 text-sm dark:border-slate-800 dark:bg-slate-900"
        data-testid="bulk-toolbar"
        data-hydrated={hydrated}
        role="group"
        aria-label={t("toolbar")}
      >
        <span className="font-medium" data-testid="bulk-summary">
          {summary}
        </span>
        {stoppable > 0 && !whole ? (
          <Button
            variant="secondary"
            size="sm"
            disabled={!hydrated}
            onClick={() => {
              setPicked(new Set());
              setWhole({
                filters: { ...filters },
                label: t("allMatching", { count: stoppable }),
              });
            }}
            data-testid="bulk-select-all"
          >
            {t("selectAll", { count: stoppable })}
          </Button>
        ) : null}
        <span className="inline-flex items-center gap-1">
          <label htmlFor="bulk-runaway-hours">{t("runningLongerThan")}</label>
          <select
            id="bulk-runaway-hours"
            value={hours}
            disabled={!hydrated}
            onChange={(e) => setHours(Number(e.target.value))}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-800"
          >
            {RUNNING_PRESETS_HOURS.map((h) => (
              <option key={h} value={h}>
                {t("hoursOption", { hours: h })}
              </option>
            ))}
          </select>
          <Button
            variant="secondary"
            size="sm"
            disabled={!hydrated}
            onClick={() => {
              setPicked(new Set());
              setWhole({ filters: { runningHours: hours }, label: t("runaways", { hours }) });
            }}
            data-testid="bulk-runaway"
          >
            {t("selectRunaways")}
          </Button>
        </span>
        {selection ? (
          <Button
            variant="ghost"
            size="sm"
            onClick={() => {
              setPicked(new Set());
              setWhole(null);
            }}
          >
            {t("clear")}
          </Button>
        ) : null}
        <Button
          variant="danger"
          size="sm"
          className="ml-auto"
          disabled={!selection}
          onClick={() => selection && setDialog(selection)}
          data-testid="bulk-stop-open"
        >
          {t("stopSelected")}
        </Button>
      </div>
      <TaskTable
        rows={rows}
        now={now}
        stopAction={stopAction}
        empty={empty}
        auditLinks={auditLinks}
        correctLinks={correctLinks}
        deleteAction={deleteAction}
        recordings={recordings}
        selection={{
          header: (
            <input
              type="checkbox"
              aria-label={t("selectPage")}
              checked={allOnPage}
              disabled={!hydrated || pageIds.length === 0}
              onChange={(e) => {
                setWhole(null);
                setPicked(
                  e.target.checked
                    ? new Set([...picked, ...pageIds])
                    : new Set([...picked].filter((id) => !pageIds.includes(id))),
                );
              }}
            />
          ),
          cell: (row) =>
            isStoppable(row.state) ? (
              <input
                type="checkbox"
                aria-label={t("selectRow", { streamName: row.streamName, taskId: row.taskId })}
                data-testid="bulk-select-row"
                checked={whole !== null || picked.has(row.taskId)}
                disabled={!hydrated}
                onChange={(e) => toggle(row.taskId, e.target.checked)}
              />
            ) : null,
        }}
      />
      {dialog ? (
        <BulkStopDialog
          selection={dialog}
          onClose={() => setDialog(null)}
          previewAction={previewAction}
          createAction={createAction}
        />
      ) : null}
    </div>
  );
}
