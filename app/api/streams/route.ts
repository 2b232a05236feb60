import { NextResponse, type NextRequest } from "next/server";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db";
import { getOnlineStreamCache } from "@/lib/streams/online-cache";
import { parseStreamsQuery } from "@/lib/streams/query";
import { buildStreamsPage } from "@/lib/streams/streams-page";

export const dynamic = "force-dynamic";

/**
 * GET /api/streams?q=&domain=&app=&sort=age-desc|age-asc&page=1&pageSize=50
 * One page of the online streams, cut on the server from the shared cache (see lib/streams/online-cache.ts).
 * An upstream failure is not an HTTP error here: the last good data comes back with `lastError` beside it.
 */
export async function GET(request: NextRequest) {
  const auth = await requirePermission("streams:view");
  if (!auth.ok) {
    return NextResponse.json(
      { ok: false, code: auth.code, message: auth.message },
      { status: auth.code === "Unauthenticated" ? 401 : 403 },
    );
  }
  const parsed = parseStreamsQuery(request.nextUrl.searchParams);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "query")] ??= []).push(issue.message);
    return NextResponse.json(
      { ok: false, code: "InvalidInput", message: "The stream list query is not valid.", fieldErrors },
      { status: 400 },
    );
  }
  const snapshot = await getOnlineStreamCache().read();
  const page = await buildStreamsPage(getDb, snapshot, parsed.data);
  return NextResponse.json(page, { headers: { "Cache-Control": "no-store" } });
}
