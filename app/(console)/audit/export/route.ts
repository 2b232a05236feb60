import { defineRoute } from "@/lib/actions/define-route";
import { parseAuditFilters, type ParsedAuditFilters } from "@/lib/audit/filters";
import { exportAuditCsv } from "@/lib/audit/export-csv";
import { recordableText } from "@/lib/validation/safe-text";
import { say } from "@/lib/validation/messages";

export const dynamic = "force-dynamic";

type ValidFilters = Extract<ParsedAuditFilters, { ok: true }>;

/** CSV of the records matching the page's filter (all pages), streamed; the export itself is audited. */
export const GET = defineRoute<ValidFilters>({
  permission: "audit:export",
  audit: "audit.export",
  input: (request) => {
    const parsed = parseAuditFilters(new URL(request.url).searchParams);
    if (parsed.ok) return { ok: true, data: parsed };
    // The record keeps what was tried, clipped: a filter value is untrusted text.
    const filters = Object.fromEntries(
      Object.entries(parsed.values).map(([k, v]) => [k, recordableText(v ?? "", 320)]),
    );
    return { ok: false, fieldErrors: parsed.fieldErrors, attempt: { details: { filters } } };
  },
  invalidMessage: say("actions.routes.auditFilterInvalid"),
  handler: async (parsed, { db, auth }) => {
    const { stream } = await exportAuditCsv(db, parsed.filters, parsed.values, auth);
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    return new Response(stream, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="recdesk-audit-${stamp}.csv"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  },
});
