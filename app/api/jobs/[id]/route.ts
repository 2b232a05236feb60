import { NextResponse, type NextRequest } from "next/server";
import { requirePermission } from "@/lib/auth/require";
import { getJobView, listJobItems } from "@/lib/bulk";
import { BULK_ITEM_STATES } from "@/lib/db/schema/bulk";
import { getDb } from "@/lib/db";
import { explainLiveError } from "@/lib/tencent-live/errors";

// What the job page polls (TanStack Query): the job's progress and one page of its items.
export async function GET(request: NextRequest, context: { params: Promise<{ id: string }> }): Promise<NextResponse> {
  const auth = await requirePermission("jobs:view");
  if (!auth.ok)
    return NextResponse.json(
      { code: auth.code, message: auth.message },
      { status: auth.code === "Unauthenticated" ? 401 : 403 },
    );
  const { id } = await context.params;
  const db = await getDb();
  const job = await getJobView(db, id);
  if (!job) return NextResponse.json({ code: "NotFound", message: "No bulk job with this id." }, { status: 404 });
  const q = request.nextUrl.searchParams;
  const stateParam = q.get("state");
  const state = BULK_ITEM_STATES.find((s) => s === stateParam);
  // Bounded: a 20-digit offset would overflow Postgres's bigint and fail the request instead of paging.
  const offset = Math.min(10_000_000, Math.max(0, Number.parseInt(q.get("offset") ?? "0", 10) || 0));
  const items = await listJobItems(db, id, { state, limit: 100, offset });
  // Explanations travel with the data: components never import the Live API edge.
  const codes = new Set(items.items.map((i) => i.errorCode).filter((c): c is string => Boolean(c)));
  const explanations = Object.fromEntries([...codes].map((c) => [c, explainLiveError(c)]));
  return NextResponse.json({ job, items, explanations }, { headers: { "Cache-Control": "no-store" } });
}
