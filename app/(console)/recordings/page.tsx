import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { pageAccess } from "@/lib/auth/page-access";
import { getDb } from "@/lib/db";
import { parseRecordingFilters } from "@/lib/recordings/filters";
import { listRecordings } from "@/lib/recordings/queries";
import { RecordingFiltersForm } from "@/components/recordings/recording-filters";
import { RecordingsPager } from "@/components/recordings/recordings-pager";
import { RecordingTable } from "@/components/recordings/recording-table";
import { AccessDenied } from "@/components/ui/access-denied";
import { localizeFieldErrors } from "@/lib/validation/messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("recordings"))("title") };
}
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function RecordingsPage({ searchParams }: { searchParams: SearchParams }) {
  const auth = await pageAccess("recordings:view");
  const t = await getTranslations("recordings");
  if (!auth.ok) return <AccessDenied title={t("title")} {...auth.denied} />;
  const parsed = parseRecordingFilters(await searchParams);
  const page = parsed.ok ? await listRecordings(await getDb(), parsed.filters, parsed.cursor) : null;
  const hrefWith = (cursor: Record<string, string>) =>
    `/recordings?${new URLSearchParams({ ...parsed.values, ...cursor }).toString()}`;
  const filtered = Object.keys(parsed.values).length > 0;
  return (
    <section aria-labelledby="recordings-heading" className="flex flex-col gap-4">
      <div>
        <h1 id="recordings-heading" className="text-2xl font-semibold">
          {t("title")}
        </h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-700 dark:text-slate-300">{t("description")}</p>
      </div>
      <RecordingFiltersForm
        values={parsed.values}
        fieldErrors={parsed.ok ? undefined : localizeFieldErrors(parsed.fieldErrors, await getTranslations())}
      />
      {!page ? (
        <p role="alert" className="text-sm text-danger-700 dark:text-danger-300">
          {t("invalidFilter")}
        </p>
      ) : page.rows.length === 0 ? (
        <div
          data-testid="recordings-empty"
          className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-700 dark:border-slate-700 dark:text-slate-300"
        >
          {filtered ? t("emptyFiltered") : t("empty")}
        </div>
      ) : (
        <>
          <RecordingTable rows={page.rows} caption={t("caption")} showStream />
          <RecordingsPager
            newerHref={page.newer ? hrefWith({ after: page.newer }) : undefined}
            olderHref={page.older ? hrefWith({ before: page.older }) : undefined}
          />
        </>
      )}
    </section>
  );
}
