import Link from "next/link";
import { redirect } from "next/navigation";
import { pageAccess } from "@/lib/auth/page-access";
import { can } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { AUDIT_OUTCOMES } from "@/lib/db/schema/audit";
import { AUDIT_ACTIONS } from "@/lib/audit/types";
import { filtersToParams, parseAuditFilters } from "@/lib/audit/filters";
import { listAuditRecords, listFollowUp } from "@/lib/audit/queries";
import { buttonClasses } from "@/components/ui";
import { AuditFiltersForm } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { AuditPager } from "@/components/audit/audit-pager";
import { VerifyIntegrity } from "@/components/audit/verify-integrity";
import { verifyIntegrityAction } from "./actions";
import { AccessDenied } from "@/components/ui/access-denied";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const check = await pageAccess("audit:view");
  if (!check.ok) {
    if (check.denied.code === "Unauthenticated") redirect("/sign-in?callbackUrl=/audit");
    return (
      <AccessDenied
        title="Audit log"
        code="Forbidden"
        message="the audit log is for managers and admins. Ask an admin if you need a record from it."
      />
    );
  }
  const parsed = parseAuditFilters(await searchParams);
  const db = await getDb();
  const [page, followUp] = await Promise.all([
    parsed.ok ? listAuditRecords(db, parsed.filters, parsed.cursor) : Promise.resolve(null),
    listFollowUp(db),
  ]);
  const values = parsed.values;
  const filtered = Object.keys(values).length > 0;
  const exportHref = `/audit/export?${filtersToParams(values).toString()}`;
  return (
    <section aria-labelledby="audit-heading" className="flex flex-col gap-5">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 id="audit-heading" className="text-2xl font-semibold">
            Audit log
          </h1>
          <p className="mt-1 max-w-2xl text-sm text-slate-700 dark:text-slate-300">
            Every action RecDesk takes on Tencent Cloud and every refused attempt, newest first. Times are UTC. Records
            are append-only and hash-chained.
          </p>
        </div>
        <div className="flex flex-wrap items-start gap-3">
          {can(check.actor.role, "audit:export") && parsed.ok ? (
            <a href={exportHref} className={buttonClasses("secondary")} download>
              Download CSV
            </a>
          ) : null}
          {can(check.actor.role, "audit:verify") ? <VerifyIntegrity action={verifyIntegrityAction} /> : null}
        </div>
      </div>

      {followUp.length > 0 ? (
        <section aria-labelledby="follow-up-heading" className="flex flex-col gap-2" data-testid="follow-up">
          <h2 id="follow-up-heading" className="text-lg font-semibold">
            Needs follow-up
          </h2>
          <p className="text-sm text-slate-700 dark:text-slate-300">
            Whether Tencent Cloud acted on these is unknown: it did not answer in time (
            <code className="font-mono">RecDesk.Timeout</code>), or RecDesk stopped between writing the intent and the
            outcome (<code className="font-mono">RecDesk.AuditInterrupted</code>). Check each task on Tencent Cloud.{" "}
            <Link className="text-brand-700 underline dark:text-brand-100" href="/audit?outcome=unknown">
              Show all unknown
            </Link>
          </p>
          <AuditTable rows={followUp} caption="Audit records that need follow-up" testId="follow-up-table" />
        </section>
      ) : null}

      <AuditFiltersForm
        values={values}
        fieldErrors={parsed.ok ? undefined : parsed.fieldErrors}
        actions={AUDIT_ACTIONS}
        outcomes={AUDIT_OUTCOMES}
      />

      {!parsed.ok ? (
        <p role="alert" className="text-sm text-danger-700 dark:text-danger-300">
          <span className="font-mono font-semibold">InvalidInput</span>: fix the highlighted filter
          {Object.keys(parsed.fieldErrors).length > 1 ? "s" : ""} to see records.
        </p>
      ) : page && page.rows.length > 0 ? (
        <>
          <AuditTable rows={page.rows} caption={filtered ? "Audit records matching the filter" : "Audit records"} />
          <AuditPager
            newerHref={
              page.newerCursor ? `/audit?${filtersToParams(values, { after: page.newerCursor }).toString()}` : undefined
            }
            olderHref={
              page.olderCursor
                ? `/audit?${filtersToParams(values, { before: page.olderCursor }).toString()}`
                : undefined
            }
          />
        </>
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-700 dark:border-slate-700 dark:text-slate-300">
          {filtered ? "No audit records match this filter." : "No audit records yet."}
        </p>
      )}
    </section>
  );
}
