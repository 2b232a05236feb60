import { NextResponse } from "next/server";
import { defineRoute, fromSafeParse } from "@/lib/actions/define-route";
import { getDb } from "@/lib/db";
import { getOnlineStreamCache } from "@/lib/streams/online-cache";
import { parseStreamsQuery, type StreamsQuery } from "@/lib/streams/query";
import { buildStreamsPage } from "@/lib/streams/streams-page";
import { say } from "@/lib/validation/messages";

export const dynamic = "force-dynamic";

/**
 * GET /api/streams?q=&domain=&app=&sort=age-desc|age-asc&page=1&pageSize=50
 * One page of the online streams, cut on the server from the shared cache (see lib/streams/online-cache.ts).
 * An upstream failure is not an HTTP error here: the last good data comes back with `lastError` beside it.
 */
export const GET = defineRoute<StreamsQuery>({
  permission: "streams:view",
  input: (request) => fromSafeParse(parseStreamsQuery(new URL(request.url).searchParams)),
  invalidMessage: say("actions.routes.streamsQueryInvalid"),
  handler: async (query, { locale }) => {
    const snapshot = await getOnlineStreamCache().read();
    const page = await buildStreamsPage(getDb, snapshot, query, locale);
    return NextResponse.json(page, { headers: { "Cache-Control": "no-store" } });
  },
});
