import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { StopByIdForm } from "@/components/tasks/stop-by-id-form";
import { pageAccess } from "@/lib/auth/page-access";
import { can } from "@/lib/auth/roles";
import { AccessDenied } from "@/components/ui/access-denied";
import { stopByIdAction } from "../actions";
import { TasksHeader } from "../tasks-header";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("taskForms.pages.stop"))("title") };
}
export const dynamic = "force-dynamic";

export default async function StopByIdPage() {
  const t = await getTranslations("taskForms.pages.stop");
  const auth = await pageAccess("task:stop", t("denied"));
  if (!auth.ok) return <AccessDenied title={t("title")} {...auth.denied} />;
  const role = auth.actor.role;
  return (
    <div>
      <TasksHeader title={t("title")} role={role} current="/tasks/stop" />
      <p className="mb-4 max-w-2xl text-sm text-slate-700 dark:text-slate-300">{t("intro")}</p>
      <StopByIdForm action={stopByIdAction} canCorrect={can(role, "task:correct")} />
    </div>
  );
}
