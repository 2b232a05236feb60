import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { JobHistoryTable } from "@/components/bulk/job-history-table";
import { Pager } from "@/components/ui/pager";
import { pageAccess } from "@/lib/auth/page-access";
import { can } from "@/lib/auth/roles";
import { listJobViews } from "@/lib/bulk";
import { getDb } from "@/lib/db";
import { AccessDenied } from "@/components/ui/access-denied";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("bulk"))("jobs.title") };
}
export const dynamic = "force-dynamic";

// A malformed ?page= shows the first page rather than an error.
const PageParam = z.coerce.number().int().min(1).catch(1);

export default async function JobsPage({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  const t = await getTranslations("bulk");
  const auth = await pageAccess("jobs:view");
  if (!auth.ok) return <AccessDenied title={t("jobs.title")} {...auth.denied} />;
  const raw = (await searchParams).page;
  const result = await listJobViews(await getDb(), { page: PageParam.parse(Array.isArray(raw) ? raw[0] : raw) });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("jobs.title")}</h1>
      <p className="max-w-3xl text-sm text-slate-700 dark:text-slate-300">
        {t("jobs.intro")}
        {can(auth.actor.role, "task:bulk-stop") ? (
          <>
            {" "}
            {t.rich("jobs.startHint", {
              link: (chunks) => (
                <Link href="/tasks" className="underline">
                  {chunks}
                </Link>
              ),
            })}
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
