import { NextResponse } from "next/server";
import { defineRoute } from "@/lib/actions/define-route";
import { getJobView, listJobItems } from "@/lib/bulk";
import { BULK_ITEM_STATES, type BulkItemState } from "@/lib/db/schema/bulk";
import { explainLiveError } from "@/lib/tencent-live/errors";
import { explainedCodes } from "@/lib/bulk/paused-reason";
import { localizeText } from "@/lib/actions/localize";
import { localizeExplanation } from "@/lib/i18n/live-errors";
import { say } from "@/lib/validation/messages";

interface ItemsPage {
  state?: BulkItemState;
  offset: number;
}

// What the job page polls (TanStack Query): the job's progress and one page of its items.
export const GET = defineRoute<ItemsPage, { id: string }>({
  permission: "jobs:view",
  // Lenient on purpose: an unknown state lists every state, a bad offset is the first page.
  input: (request) => {
    const q = new URL(request.url).searchParams;
    const stateParam = q.get("state");
    const state = BULK_ITEM_STATES.find((s) => s === stateParam);
    // Bounded: a 20-digit offset would overflow Postgres's bigint and fail the request instead of paging.
    const offset = Math.min(10_000_000, Math.max(0, Number.parseInt(q.get("offset") ?? "0", 10) || 0));
    return { ok: true, data: { state, offset } };
  },
  handler: async ({ state, offset }, { db, params: { id }, locale }) => {
    const job = await getJobView(db, id);
    if (!job) {
      const message = await localizeText(say("actions.bulk.jobNotFound"), locale);
      return NextResponse.json({ code: "NotFound", message }, { status: 404 });
    }
    const items = await listJobItems(db, id, { state, limit: 100, offset });
    // Explanations travel with the data, in the reader's language: components never import the Live API edge.
    const explanations = Object.fromEntries(
      explainedCodes(job, items.items).map((c) => [c, localizeExplanation(explainLiveError(c), locale)]),
    );
    return NextResponse.json({ job, items, explanations }, { headers: { "Cache-Control": "no-store" } });
  },
});
