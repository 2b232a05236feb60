import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { JobProgress } from "@/components/bulk/job-progress";
import { LocalTime } from "@/components/tasks/local-time";
import { pageAccess } from "@/lib/auth/page-access";
import { can } from "@/lib/auth/roles";
import { getJobView, listJobItems } from "@/lib/bulk";
import { getDb } from "@/lib/db";
import { explainLiveError } from "@/lib/tencent-live/errors";
import { cancelJobAction, retryFailedAction } from "../actions";
import { AccessDenied } from "@/components/ui/access-denied";

export const metadata: Metadata = { title: "Bulk job" };
export const dynamic = "force-dynamic";

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const auth = await pageAccess("jobs:view");
  if (!auth.ok) return <AccessDenied title="Bulk job" {...auth.denied} />;
  const { id } = await params;
  const db = await getDb();
  const job = await getJobView(db, id);
  if (!job) notFound();
  const items = await listJobItems(db, id, { limit: 100 });
  const codes = new Set(items.items.map((i) => i.errorCode).filter((c): c is string => Boolean(c)));
  const explanations = Object.fromEntries([...codes].map((c) => [c, explainLiveError(c)]));
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link href="/jobs" className="underline">
          ← Bulk jobs
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">
        Bulk stop of {job.counts.total.toLocaleString("en-US")} task{job.counts.total === 1 ? "" : "s"}
      </h1>
      <dl className="grid max-w-3xl grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-600 dark:text-slate-400">Reason</dt>
        <dd data-testid="job-reason">{job.reason}</dd>
        <dt className="text-slate-600 dark:text-slate-400">Started by</dt>
        <dd>
          {job.createdByEmail}
          {job.createdByRole ? ` (${job.createdByRole})` : ""}, <LocalTime iso={job.createdAt} />
        </dd>
        <dt className="text-slate-600 dark:text-slate-400">Job id</dt>
        <dd className="font-mono text-xs">{job.id}</dd>
      </dl>
      {/* Managers audit jobs read only; the actions check task:bulk-stop themselves as well. */}
      <JobProgress
        jobId={job.id}
        initial={{ job, items, explanations }}
        cancelAction={can(auth.actor.role, "task:bulk-stop") ? cancelJobAction : undefined}
        retryAction={can(auth.actor.role, "task:bulk-stop") ? retryFailedAction : undefined}
      />
    </div>
  );
}
