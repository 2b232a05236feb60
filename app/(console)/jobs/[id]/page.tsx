import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { JobProgress } from "@/components/bulk/job-progress";
import { LocalTime } from "@/components/tasks/local-time";
import { pageAccess } from "@/lib/auth/page-access";
import { can } from "@/lib/auth/roles";
import { getJobView, listJobItems } from "@/lib/bulk";
import { explainedCodes } from "@/lib/bulk/paused-reason";
import { getDb } from "@/lib/db";
import { localizeExplanation } from "@/lib/i18n/live-errors";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/locales";
import { stopLiveRecordLimit } from "@/lib/tencent-live";
import { explainLiveError } from "@/lib/tencent-live/errors";
import { DOCUMENTED_RATE_LIMITS } from "@/lib/tencent-live/types";
import { cancelJobAction, retryFailedAction } from "../actions";
import { AccessDenied } from "@/components/ui/access-denied";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("bulk"))("job.title") };
}
export const dynamic = "force-dynamic";

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const t = await getTranslations("bulk");
  const roles = await getTranslations("shell.roles");
  const auth = await pageAccess("jobs:view");
  if (!auth.ok) return <AccessDenied title={t("job.title")} {...auth.denied} />;
  const { id } = await params;
  const db = await getDb();
  const job = await getJobView(db, id);
  if (!job) notFound();
  const items = await listJobItems(db, id, { limit: 100 });
  const locale = await getLocale();
  const explanations = Object.fromEntries(
    explainedCodes(job, items.items).map((c) => [
      c,
      localizeExplanation(explainLiveError(c), isLocale(locale) ? locale : DEFAULT_LOCALE),
    ]),
  );
  const role = job.createdByRole && roles.has(job.createdByRole) ? roles(job.createdByRole) : job.createdByRole;
  const at = () => <LocalTime iso={job.createdAt} />;
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link href="/jobs" className="underline">
          {t("job.back")}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("job.heading", { count: job.counts.total })}</h1>
      <dl className="grid max-w-3xl grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-600 dark:text-slate-400">{t("job.reason")}</dt>
        <dd data-testid="job-reason">{job.reason}</dd>
        <dt className="text-slate-600 dark:text-slate-400">{t("job.startedBy")}</dt>
        <dd>
          {role
            ? t.rich("job.startedByValueWithRole", { email: job.createdByEmail, role, at })
            : t.rich("job.startedByValue", { email: job.createdByEmail, at })}
        </dd>
        <dt className="text-slate-600 dark:text-slate-400">{t("job.jobId")}</dt>
        <dd className="font-mono text-xs">{job.id}</dd>
      </dl>
      {/* Managers audit jobs read only; the actions check task:bulk-stop themselves as well. */}
      <JobProgress
        jobId={job.id}
        initial={{ job, items, explanations }}
        cancelAction={can(auth.actor.role, "task:bulk-stop") ? cancelJobAction : undefined}
        retryAction={can(auth.actor.role, "task:bulk-stop") ? retryFailedAction : undefined}
        stopLimitPerSecond={stopLiveRecordLimit()}
        recordTaskStopLimitPerSecond={DOCUMENTED_RATE_LIMITS.StopRecordTask}
      />
    </div>
  );
}
