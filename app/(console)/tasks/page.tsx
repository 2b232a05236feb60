import type { Metadata } from "next";
import { TaskFiltersForm } from "@/components/tasks/task-filters";
import { Pager } from "@/components/ui/pager";
import { TaskTable } from "@/components/tasks/task-table";
import { BulkTaskSelection } from "@/components/bulk/bulk-task-selection";
import { createBulkStopAction, previewBulkStopAction } from "../jobs/actions";
import { pageAccess } from "@/lib/auth/page-access";
import { can } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { parseTaskSearch, taskSearchQuery, TASKS_PAGE_SIZE, type SearchParams } from "@/lib/tasks/filters";
import { listTaskDomains, listTasks } from "@/lib/tasks/registry";
import { explainTaskError } from "@/lib/tasks/local-errors";
import { ensureRecordTasksFresh, type SweepStatus } from "@/lib/tasks/record-task-sweep";
import { SweepStatusLine, type SweepStatusView } from "@/components/tasks/sweep-status";
import { recordingsOfTasks } from "@/lib/recordings/queries";
import { deleteTaskAction, stopTaskAction } from "./actions";
import { TasksHeader } from "./tasks-header";
import { AccessDenied } from "@/components/ui/access-denied";

export const metadata: Metadata = { title: "Tasks" };
export const dynamic = "force-dynamic";

export default async function TasksPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const auth = await pageAccess("tasks:view");
  if (!auth.ok) return <AccessDenied title="Tasks" {...auth.denied} />;
  const { filters, page } = parseTaskSearch(await searchParams);
  const db = await getDb();
  // RecordTasks are Tencent's to list: bring the registry up to date first (at most one sweep per interval,
  // however many people look), then read both families from it.
  const sweep = await ensureRecordTasksFresh({ db });
  const now = new Date();
  const [result, domains] = await Promise.all([
    listTasks(db, filters, { page, pageSize: TASKS_PAGE_SIZE, now }),
    listTaskDomains(db),
  ]);
  const recordings = await recordingsOfTasks(
    db,
    result.rows.map((r) => r.taskId),
  );
  const role = auth.actor.role;
  const canStop = can(role, "task:stop");
  const canDelete = can(role, "task:delete");
  const filtered = Boolean(filters.family || filters.state || filters.stream || filters.domain || filters.runningHours);
  const empty = filtered ? (
    <>
      No task matches these filters.{" "}
      <a href="/tasks" className="underline">
        Clear the filters
      </a>
      .
    </>
  ) : (
    <>
      RecDesk does not know any recording task yet. Start one, or register an existing task by its stream name and
      TaskId.
    </>
  );

  return (
    <div className="space-y-4">
      <TasksHeader title="Recording tasks" role={role} current="/tasks" />
      {filters.family === "recordTask" ? null : (
        <p className="max-w-3xl text-sm text-slate-700 dark:text-slate-300" data-testid="legacy-note">
          <strong>Legacy tasks:</strong> Tencent Cloud cannot list legacy recording tasks, so these are the ones RecDesk
          created, was told about, or found when it started. Missing one? Use <strong>Stop by ID</strong> or{" "}
          <strong>Register task</strong>. RecordTask tasks are listed from Tencent Cloud itself.
        </p>
      )}
      <TaskFiltersForm filters={filters} domains={domains} />
      {filters.family === "legacy" ? null : <SweepStatusLine status={sweepView(sweep)} />}
      {can(role, "task:bulk-stop") ? (
        // Bulk stop plugs into the table's selection seam; roles without it see the plain table.
        <BulkTaskSelection
          rows={result.rows}
          now={now.toISOString()}
          stopAction={canStop ? stopTaskAction : undefined}
          empty={empty}
          filters={filters}
          stoppable={result.stoppable}
          previewAction={previewBulkStopAction}
          createAction={createBulkStopAction}
          auditLinks={can(role, "audit:view")}
          correctLinks={can(role, "task:correct")}
          deleteAction={canDelete ? deleteTaskAction : undefined}
          recordings={recordings}
        />
      ) : (
        <TaskTable
          rows={result.rows}
          now={now.toISOString()}
          stopAction={canStop ? stopTaskAction : undefined}
          empty={empty}
          auditLinks={can(role, "audit:view")}
          correctLinks={can(role, "task:correct")}
          deleteAction={canDelete ? deleteTaskAction : undefined}
          recordings={recordings}
        />
      )}
      <Pager
        page={result.page}
        pageCount={result.pageCount}
        total={result.total}
        totalExact={result.totalExact}
        shown={result.rows.length}
        pageSize={result.pageSize}
        hrefFor={(p) => `/tasks${taskSearchQuery(filters, p)}`}
      />
    </div>
  );
}

function sweepView(s: SweepStatus): SweepStatusView {
  const e = s.lastError;
  const explained = e ? explainTaskError(e.code, e.message) : undefined;
  return {
    lastSuccessAt: s.lastSuccessAt?.toISOString() ?? null,
    lastError:
      e && explained
        ? {
            code: e.code,
            title: explained.title,
            nextStep: explained.nextStep,
            requestId: e.requestId,
            at: e.at.toISOString(),
          }
        : undefined,
  };
}
