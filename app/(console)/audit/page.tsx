import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
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
import { localizeFieldErrors } from "@/lib/validation/messages";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const check = await pageAccess("audit:view");
  const t = await getTranslations("audit");
  if (!check.ok) {
    if (check.denied.code === "Unauthenticated") redirect("/sign-in?callbackUrl=/audit");
    return <AccessDenied title={t("title")} code="Forbidden" message={t("forbidden")} />;
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
            {t("title")}
          </h1>
          <p className="mt-1 max-w-2xl text-sm text-slate-700 dark:text-slate-300">{t("description")}</p>
        </div>
        <div className="flex flex-wrap items-start gap-3">
          {can(check.actor.role, "audit:export") && parsed.ok ? (
            <a href={exportHref} className={buttonClasses("secondary")} download>
              {t("downloadCsv")}
            </a>
          ) : null}
          {can(check.actor.role, "audit:verify") ? <VerifyIntegrity action={verifyIntegrityAction} /> : null}
        </div>
      </div>

      {followUp.length > 0 ? (
        <section aria-labelledby="follow-up-heading" className="flex flex-col gap-2" data-testid="follow-up">
          <h2 id="follow-up-heading" className="text-lg font-semibold">
            {t("followUp.heading")}
          </h2>
          <p className="text-sm text-slate-700 dark:text-slate-300">
            {t.rich("followUp.text", { code: (chunks) => <code className="font-mono">{chunks}</code> })}{" "}
            <Link className="text-brand-700 underline dark:text-brand-100" href="/audit?outcome=unknown">
              {t("followUp.showUnknown")}
            </Link>
          </p>
          <AuditTable rows={followUp} caption={t("followUp.caption")} testId="follow-up-table" />
        </section>
      ) : null}

      <AuditFiltersForm
        values={values}
        fieldErrors={parsed.ok ? undefined : localizeFieldErrors(parsed.fieldErrors, await getTranslations())}
        actions={AUDIT_ACTIONS}
        outcomes={AUDIT_OUTCOMES}
      />

      {!parsed.ok ? (
        <p role="alert" className="text-sm text-danger-700 dark:text-danger-300">
          {t.rich("invalidFilter", {
            code: (chunks) => <span className="font-mono font-semibold">{chunks}</span>,
            count: Object.keys(parsed.fieldErrors).length,
          })}
        </p>
      ) : page && page.rows.length > 0 ? (
        <>
          <AuditTable rows={page.rows} caption={filtered ? t("captionFiltered") : t("caption")} />
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
          {filtered ? t("emptyFiltered") : t("empty")}
        </p>
      )}
    </section>
  );
}
