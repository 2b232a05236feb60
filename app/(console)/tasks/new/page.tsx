import type { Metadata } from "next";
import { StartFamilyChooser } from "@/components/tasks/start-family-chooser";
import { StartRecordTaskForm } from "@/components/tasks/start-record-task-form";
import { StartRecordingForm } from "@/components/tasks/start-recording-form";
import { pageAccess } from "@/lib/auth/page-access";
import { getDb } from "@/lib/db";
import { listRecordTemplates } from "@/lib/tasks/record-templates";
import { isTaskFamily } from "@/lib/tasks/task-family";
import { listTaskDomains } from "@/lib/tasks/registry";
import { AccessDenied } from "@/components/ui/access-denied";
import { startRecordingAction, startRecordTaskAction } from "../actions";
import { TasksHeader } from "../tasks-header";

export const metadata: Metadata = { title: "Start recording" };
export const dynamic = "force-dynamic";

export default async function StartRecordingPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const auth = await pageAccess("task:start", "Starting recordings is for on-call engineers and administrators.");
  if (!auth.ok) return <AccessDenied title="Start recording" {...auth.denied} />;
  const [domains, templates] = await Promise.all([
    listTaskDomains(await getDb()).then((d) => d.filter(Boolean)),
    listRecordTemplates(),
  ]);
  const role = auth.actor.role;
  const asked = (await searchParams).family;
  return (
    <div>
      <TasksHeader title="Start recording" role={role} current="/tasks/new" />
      <p className="mb-4 max-w-3xl text-sm text-slate-700 dark:text-slate-300">
        Creates a recording task. It is sent once and never retried automatically: a retry can create a second, billed
        task. The new TaskId is added to the task list.
      </p>
      <StartFamilyChooser
        initial={isTaskFamily(asked) ? asked : undefined}
        forms={{
          recordTask: (
            <StartRecordTaskForm
              action={startRecordTaskAction}
              domains={domains}
              templates={templates.templates.map((t) => ({
                templateId: t.templateId,
                templateName: t.templateName,
                formats: t.formats,
              }))}
              templatesError={templates.error}
            />
          ),
          legacy: <StartRecordingForm action={startRecordingAction} domains={domains} />,
        }}
      />
    </div>
  );
}
