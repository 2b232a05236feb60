import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
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

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("taskForms.pages.start"))("title") };
}
export const dynamic = "force-dynamic";

export default async function StartRecordingPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const t = await getTranslations("taskForms.pages.start");
  const auth = await pageAccess("task:start", t("denied"));
  if (!auth.ok) return <AccessDenied title={t("title")} {...auth.denied} />;
  const [domains, templates] = await Promise.all([
    listTaskDomains(await getDb()).then((d) => d.filter(Boolean)),
    listRecordTemplates(),
  ]);
  const role = auth.actor.role;
  const asked = (await searchParams).family;
  return (
    <div>
      <TasksHeader title={t("title")} role={role} current="/tasks/new" />
      <p className="mb-4 max-w-3xl text-sm text-slate-700 dark:text-slate-300">{t("intro")}</p>
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
