import "server-only";
import type { LiveClient } from "./client-types";
import type { DescribeOnlineListInput, LiveResult, OnlineListPage, OnlineStream } from "./types";

/** Page size for the full walk: the CN doc allows up to 300 000, the intl doc says 100; 100 works on both. */
const ONLINE_LIST_WALK_PAGE_SIZE = 100;

/** Every page of DescribeLiveStreamOnlineList, as one list: what the Streams page shows. */
export async function walkOnlineStreams(
  client: Pick<LiveClient, "describeLiveStreamOnlineList">,
  i: Omit<DescribeOnlineListInput, "pageNum" | "pageSize">,
): Promise<LiveResult<{ streams: OnlineStream[]; pages: number }>> {
  const seen = new Map<string, OnlineStream>();
  let pages = 0;
  let attempts = 0;
  const started = performance.now();
  let last: LiveResult<OnlineListPage> | undefined;
  // Streams start and stop while we page, so a stream can shift between pages; keying by
  // domain/app/name drops the duplicates that shift causes.
  for (let pageNum = 1; ; pageNum++) {
    last = await client.describeLiveStreamOnlineList({ ...i, pageNum, pageSize: ONLINE_LIST_WALK_PAGE_SIZE });
    attempts += last.attempts;
    if (!last.ok) return { ...last, attempts, latencyMs: Math.round(performance.now() - started) };
    pages += 1;
    for (const s of last.data.streams) seen.set(`${s.domainName}/${s.appName}/${s.streamName}`, s);
    if (pageNum >= last.data.totalPage || last.data.streams.length === 0) break;
  }
  return {
    ok: true,
    requestId: last.requestId,
    data: { streams: [...seen.values()], pages },
    attempts,
    latencyMs: Math.round(performance.now() - started),
  };
}
