// Shapes of the Streams API (GET /api/streams) shared by the route, the page and the bench.
// Pure types: components and client code may import this file.
import type { LiveErrorExplanation } from "@/lib/action-result";
import type { TaskView } from "@/lib/tasks/definitions";
import type { StreamState } from "@/lib/tencent-live/types";

/** The page sizes the Streams page offers. Here, not beside the zod schema in ./query.ts, so the page's client
 * bundle does not carry zod (about 30 kB compressed) for one array. */
export const PAGE_SIZES = [25, 50, 100, 200] as const;

/** An upstream failure as viewers see it next to the data it could not refresh. */
export interface UpstreamError {
  code: string;
  message: string;
  requestId?: string;
  kind: "api" | "rate-limit" | "timeout" | "network" | "malformed";
  /** ISO time the failed sweep ended. */
  at: string;
}

export interface ExplainedUpstreamError extends UpstreamError {
  explanation: LiveErrorExplanation;
}

export interface StreamRow {
  domainName: string;
  appName: string;
  streamName: string;
  /** Earliest publish time (ISO UTC), or null when Tencent listed none. */
  publishingSince: string | null;
  publishTimes: string[];
  /** RecDesk-known recording tasks of this stream in state recording or stopping. */
  runningTasks: number;
}

export type StreamSort = "age-desc" | "age-asc";

export interface StreamsPage {
  rows: StreamRow[];
  /** Streams matching the filters (before paging). */
  matched: number;
  /** All online streams in the last good sweep. */
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  facets: { domains: string[]; apps: string[] };
  /** ISO time of the last good sweep; null if no sweep has ever succeeded. */
  fetchedAt: string | null;
  /** The most recent sweep failed: the data above (if any) is older than it should be. */
  lastError: ExplainedUpstreamError | null;
  /** Pages Tencent returned in the last good sweep. */
  sweepPages: number;
  ttlMs: number;
  /** Set when the registry could not be read (the reason, as the database said it): counts are then 0, not real. */
  taskCountsError?: string;
}

export interface StreamDetail {
  key: { domainName: string; appName: string; streamName: string };
  state:
    | { ok: true; state: StreamState; requestId: string }
    | { ok: false; code: string; message: string; requestId?: string; explanation: LiveErrorExplanation };
  /** From the shared online list: null when the stream is not in it (or no list could be fetched). */
  online: { publishTimes: string[]; publishingSince: string | null } | null;
  listFetchedAt: string | null;
  tasks: TaskView[];
  tasksError?: string;
  /** When this detail was assembled (ISO): ages on the page are relative to it. */
  checkedAt: string;
}
