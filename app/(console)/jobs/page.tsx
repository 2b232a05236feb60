import type { Metadata } from "next";
import Link from "next/link";
import { JobHistoryTable } from "@/components/bulk/job-history-table";
import { requirePermission } from "@/lib/auth/require";
import { can } from "@/lib/auth/roles";
import { listJobViews } from "@/lib/bulk";
import { getDb } from "@/lib/db";

export const metadata: Metadata = { title: "Bulk jobs" };
export const dynamic = "force-dynamic";

export default async function JobsPage() {
  const auth = await requirePermission("jobs:view");
  if (!auth.ok) {
    return (
      <div role="alert" className="space-y-2">
        <h1 className="text-2xl font-semibold">Bulk jobs</h1>
        <p><code className="font-mono text-sm">{auth.code}</code> — {auth.message}</p>
      </div>
    );
  }
  const jobs = await listJobViews(await getDb(), { limit: 200 });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Bulk jobs</h1>
      <p className="max-w-3xl text-sm text-slate-700 dark:text-slate-300">
        Every bulk stop (the newest 200): who ran it, why, when, and how it ended.
        {can(auth.actor.role, "task:bulk-stop") ? (
          <> Start one from <Link href="/tasks" className="underline">Tasks</Link> by selecting rows or the runaway preset.</>
        ) : null}
      </p>
      <JobHistoryTable jobs={jobs} />
    </div>
  );
}
