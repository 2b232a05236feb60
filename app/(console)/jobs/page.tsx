import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { JobHistoryTable } from "@/components/bulk/job-history-table";
import { Pager } from "@/components/ui/pager";
import { pageAccess } from "@/lib/auth/page-access";
import { can } from "@/lib/auth/roles";
import { listJobViews } from "@/lib/bulk";
import { getDb } from "@/lib/db";
import { AccessDenied } from "@/components/ui/access-denied";

export const metadata: Metadata = { title: "Bulk jobs" };
export const dynamic = "force-dynamic";

// A malformed ?page= shows the first page rather than an error.
const PageParam = z.coerce.number().int().min(1).catch(1);

export default async function JobsPage({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  const auth = await pageAccess("jobs:view");
  if (!auth.ok) return <AccessDenied title="Bulk jobs" {...auth.denied} />;
  const raw = (await searchParams).page;
  const result = await listJobViews(await getDb(), { page: PageParam.parse(Array.isArray(raw) ? raw[0] : raw) });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Bulk jobs</h1>
      <p className="max-w-3xl text-sm text-slate-700 dark:text-slate-300">
        Every bulk stop, newest first: who ran it, why, when, and how it ended.
        {can(auth.actor.role, "task:bulk-stop") ? (
          <>
            {" "}
            Start one from{" "}
            <Link href="/tasks" className="underline">
              Tasks
            </Link>{" "}
            by selecting rows or the runaway preset.
          </>
        ) : null}
      </p>
      <JobHistoryTable jobs={result.jobs} />
      {result.total > result.pageSize ? (
        <Pager
          page={result.page}
          pageCount={result.pageCount}
          total={result.total}
          pageSize={result.pageSize}
          noun="job"
          hrefFor={(p) => `/jobs?page=${p}`}
        />
      ) : null}
    </div>
  );
}
