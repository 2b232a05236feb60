import "server-only";
import { sql } from "drizzle-orm";
import { openDatabase } from "@/lib/db";
import { limiterQueueDepths } from "@/lib/tencent-live/limiter";
import { setGaugeSources } from "./metrics";

/**
 * The gauges read at scrape time: the limiters' queues (in memory) and the bulk items by state (one grouped
 * count; the job/state index serves it). Idempotent, called by the metrics route before each scrape.
 */
export function connectGaugeSources(): void {
  setGaugeSources({
    limiterQueueDepth: limiterQueueDepths,
    async bulkItems() {
      const { db } = await openDatabase();
      const { rows } = await db.execute<{ state: string; n: number }>(
        sql`select state, count(*)::int as n from bulk_items group by state`,
      );
      return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
    },
  });
}
