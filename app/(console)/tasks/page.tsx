import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
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
import { localizeExplanation } from "@/lib/i18n/live-errors";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("tasks"))("title") };
}
export const dynamic = "force-dynamic";

export default async function TasksPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const t = await getTranslations("tasks");
  const auth = await pageAccess("tasks:view");
  if (!auth.ok) return <AccessDenied title={t("title")} {...auth.denied} />;
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
  const empty = filtered
    ? t.rich("empty.filtered", {
        clear: (chunks) => (
          <a href="/tasks" className="underline">
            {chunks}
          </a>
        ),
      })
    : t("empty.none");
  const locale = await getLocale();

  return (
    <div className="space-y-4">
      <TasksHeader title={t("heading")} role={role} current="/tasks" />
      {filters.family === "recordTask" ? null : (
        <p className="max-w-3xl text-sm text-slate-700 dark:text-slate-300" data-testid="legacy-note">
          {t.rich("legacyNote", { strong: (chunks) => <strong>{chunks}</strong> })}
        </p>
      )}
      <TaskFiltersForm filters={filters} domains={domains} />
      {filters.family === "legacy" ? null : (
        <SweepStatusLine status={sweepView(sweep, isLocale(locale) ? locale : DEFAULT_LOCALE)} />
      )}
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

/** The sweep's outcome for the page, its explanation in the reader's language (the code and RequestId stay as sent). */
function sweepView(s: SweepStatus, locale: Locale): SweepStatusView {
  const e = s.lastError;
  const explained = e ? localizeExplanation(explainTaskError(e.code, e.message), locale) : undefined;
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
