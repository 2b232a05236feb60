import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db";
import { recordDenied, recordInvalid } from "@/lib/audit/refusal";
import { parseAuditFilters } from "@/lib/audit/filters";
import { exportAuditCsv } from "@/lib/audit/export-csv";
import { recordableText } from "@/lib/validation/safe-text";

export const dynamic = "force-dynamic";

/** CSV of the records matching the page's filter (all pages), streamed; the export itself is audited. */
export async function GET(request: Request): Promise<Response> {
  const check = await requirePermission("audit:export");
  const db = await getDb();
  if (!check.ok) {
    await recordDenied(db, check, "audit.export");
    return Response.json(
      { ok: false, code: check.code, message: check.message },
      { status: check.code === "Unauthenticated" ? 401 : 403 },
    );
  }
  const parsed = parseAuditFilters(new URL(request.url).searchParams);
  if (!parsed.ok) {
    const attempted = Object.fromEntries(
      Object.entries(parsed.values).map(([k, v]) => [k, recordableText(v ?? "", 320)]),
    );
    await recordInvalid(db, check, "audit.export", parsed.fieldErrors, { details: { filters: attempted } });
    return Response.json(
      { ok: false, code: "InvalidInput", message: "The filter is not valid", fieldErrors: parsed.fieldErrors },
      { status: 400 },
    );
  }
  const { stream } = await exportAuditCsv(db, parsed.filters, parsed.values, check);
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="recdesk-audit-${stamp}.csv"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
