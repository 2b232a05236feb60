import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CorrectRegistrationForm } from "@/components/tasks/correct-registration-form";
import { pageAccess } from "@/lib/auth/page-access";
import { getDb } from "@/lib/db";
import { getTaskRow } from "@/lib/tasks/registry";
import { TaskIdSchema } from "@/lib/tencent-live/validation";
import { AccessDenied } from "@/components/ui/access-denied";
import { correctRegistrationAction } from "../actions";
import { TasksHeader } from "../tasks-header";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("taskForms.pages.correct"))("metaTitle") };
}
export const dynamic = "force-dynamic";

const PREFILL = ["taskId", "streamName", "appName", "domainName", "reason"] as const;

export default async function CorrectRegistrationPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const t = await getTranslations("taskForms.pages.correct");
  const auth = await pageAccess("task:correct", t("denied"));
  if (!auth.ok) return <AccessDenied title={t("deniedTitle")} {...auth.denied} />;
  const params = await searchParams;
  // Only used to pre-fill the form (and clipped): the action validates everything again.
  const initial: Record<string, string> = {};
  for (const k of PREFILL) {
    const v = params[k];
    if (typeof v === "string") initial[k] = v.slice(0, 500);
  }
  const taskId = TaskIdSchema.safeParse(initial.taskId ?? "");
  const row = taskId.success ? await getTaskRow(await getDb(), taskId.data) : undefined;
  if (row && !initial.streamName)
    Object.assign(initial, { streamName: row.streamName, appName: row.appName, domainName: row.domainName });
  const role = auth.actor.role;
  return (
    <div>
      <TasksHeader title={t("title")} role={role} current="/tasks/correct" />
      <p className="mb-4 max-w-2xl text-sm text-slate-700 dark:text-slate-300">{t("intro")}</p>
      <CorrectRegistrationForm
        action={correctRegistrationAction}
        initial={initial}
        registered={row ? { streamName: row.streamName, appName: row.appName, domainName: row.domainName } : undefined}
      />
    </div>
  );
}
