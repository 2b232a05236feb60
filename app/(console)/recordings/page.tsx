import type { Metadata } from "next";
import { pageAccess } from "@/lib/auth/page-access";
import { getDb } from "@/lib/db";
import { parseRecordingFilters } from "@/lib/recordings/filters";
import { listRecordings } from "@/lib/recordings/queries";
import { RecordingFiltersForm } from "@/components/recordings/recording-filters";
import { RecordingsPager } from "@/components/recordings/recordings-pager";
import { RecordingTable } from "@/components/recordings/recording-table";
import { AccessDenied } from "@/components/ui/access-denied";

export const metadata: Metadata = { title: "Recordings" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function RecordingsPage({ searchParams }: { searchParams: SearchParams }) {
  const auth = await pageAccess("recordings:view");
  if (!auth.ok) return <AccessDenied title="Recordings" {...auth.denied} />;
  const parsed = parseRecordingFilters(await searchParams);
  const page = parsed.ok ? await listRecordings(await getDb(), parsed.filters, parsed.cursor) : null;
  const hrefWith = (cursor: Record<string, string>) =>
    `/recordings?${new URLSearchParams({ ...parsed.values, ...cursor }).toString()}`;
  const filtered = Object.keys(parsed.values).length > 0;
  return (
    <section aria-labelledby="recordings-heading" className="flex flex-col gap-4">
      <div>
        <h1 id="recordings-heading" className="text-2xl font-semibold">
          Recordings
        </h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-700 dark:text-slate-300">
          Every recording file Tencent Cloud reported to RecDesk (its record callbacks), newest first. Copy a file id or
          open its video for a ticket. A file appears here a moment after its recording ends.
        </p>
      </div>
      <RecordingFiltersForm values={parsed.values} fieldErrors={parsed.ok ? undefined : parsed.fieldErrors} />
      {!page ? (
        <p role="alert" className="text-sm text-danger-700 dark:text-danger-300">
          Correct the filter above to see recordings.
        </p>
      ) : page.rows.length === 0 ? (
        <div
          data-testid="recordings-empty"
          className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-700 dark:border-slate-700 dark:text-slate-300"
        >
          {filtered
            ? "No recording matches these filters."
            : "No recording has been reported yet. Files appear once Tencent's record callbacks reach RecDesk (README, Callbacks)."}
        </div>
      ) : (
        <>
          <RecordingTable rows={page.rows} caption="Recording files, newest first" showStream />
          <RecordingsPager
            newerHref={page.newer ? hrefWith({ after: page.newer }) : undefined}
            olderHref={page.older ? hrefWith({ before: page.older }) : undefined}
          />
        </>
      )}
    </section>
  );
}
