import type { Database } from "@/lib/db/types";
import { explainLiveError } from "@/lib/tencent-live/errors";
import { localizeExplanation } from "@/lib/i18n/live-errors";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { countRunningTasksByStream } from "@/lib/tasks/registry";
import type { OnlineSnapshot } from "./online-cache";
import { selectStreams, type StreamsQuery } from "./query";
import { runningTasksFor } from "./task-counts";
import type { StreamsPage } from "./types";

/**
 * One viewer's page of the shared snapshot, with the registry's running-task counts for just the rows
 * shown (a registry read failure leaves the stream list usable and says so). The upstream error's explanation is
 * in the viewer's `locale`; its code and Tencent's message stay as sent.
 */
export async function buildStreamsPage(
  db: Database | (() => Promise<Database>),
  snapshot: OnlineSnapshot,
  query: StreamsQuery,
  locale: Locale = DEFAULT_LOCALE,
): Promise<StreamsPage> {
  const empty = { rows: [], matched: 0, page: 1, pageCount: 1 };
  const slice = snapshot.index ? selectStreams(snapshot.index, query) : empty;
  let counts: number[] = slice.rows.map(() => 0);
  let taskCountsError: string | undefined;
  if (slice.rows.length > 0) {
    try {
      const database = typeof db === "function" ? await db() : db;
      counts = runningTasksFor(slice.rows, await countRunningTasksByStream(database));
    } catch (err) {
      taskCountsError = (err as Error).message;
    }
  }
  return {
    rows: slice.rows.map((r, i) => ({
      domainName: r.domainName,
      appName: r.appName,
      streamName: r.streamName,
      publishingSince: r.publishingSince,
      publishTimes: r.publishTimes,
      runningTasks: counts[i] ?? 0,
    })),
    matched: slice.matched,
    total: snapshot.total,
    page: slice.page,
    pageSize: query.pageSize,
    pageCount: slice.pageCount,
    facets: { domains: snapshot.index?.domains ?? [], apps: snapshot.index?.apps ?? [] },
    fetchedAt: snapshot.fetchedAt?.toISOString() ?? null,
    lastError: snapshot.lastError
      ? {
          ...snapshot.lastError,
          explanation: localizeExplanation(
            explainLiveError(snapshot.lastError.code, snapshot.lastError.message),
            locale,
          ),
        }
      : null,
    sweepPages: snapshot.pages,
    ttlMs: snapshot.ttlMs,
    ...(taskCountsError ? { taskCountsError } : {}),
  };
}
