import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RegisterTaskForm } from "@/components/tasks/register-task-form";
import { pageAccess } from "@/lib/auth/page-access";
import { AccessDenied } from "@/components/ui/access-denied";
import { registerTaskAction } from "../actions";
import { TasksHeader } from "../tasks-header";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("taskForms.pages.register"))("metaTitle") };
}
export const dynamic = "force-dynamic";

export default async function RegisterTaskPage() {
  const t = await getTranslations("taskForms.pages.register");
  const auth = await pageAccess("task:register");
  if (!auth.ok) return <AccessDenied title={t("deniedTitle")} {...auth.denied} />;
  const role = auth.actor.role;
  return (
    <div>
      <TasksHeader title={t("title")} role={role} current="/tasks/register" />
      <p className="mb-4 max-w-2xl text-sm text-slate-700 dark:text-slate-300">{t("intro")}</p>
      <RegisterTaskForm action={registerTaskAction} />
    </div>
  );
}
