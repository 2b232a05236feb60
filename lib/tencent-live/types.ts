// Shapes shared by the client, the simulator and the rest of the app. The wire keeps Tencent's
// PascalCase names; everything here is camelCase and converted in exactly one place (client.ts).

export const LIVE_API_VERSION = "2018-08-01";

/** The actions this edge speaks; the keys of the per-action rate limits. */
export type LiveAction =
  | "StopLiveRecord"
  | "DeleteLiveRecord"
  | "CreateLiveRecord"
  | "DescribeLiveStreamOnlineList"
  | "DescribeLiveStreamState"
  | "DescribeLiveDomains"
  | CallbackAction;

/** The callback template and rule actions (§1.10c), used by the set-up command (callback-client.ts). */
export type CallbackAction =
  | "CreateLiveCallbackTemplate"
  | "ModifyLiveCallbackTemplate"
  | "DescribeLiveCallbackTemplates"
  | "DescribeLiveCallbackTemplate"
  | "DeleteLiveCallbackTemplate"
  | "CreateLiveCallbackRule"
  | "DescribeLiveCallbackRules"
  | "DeleteLiveCallbackRule";

/** Tencent's documented default per-second limits (CN pages; OnlineList is 100/s on the intl page, we take the lower). */
export const DOCUMENTED_RATE_LIMITS: Readonly<Record<LiveAction, number>> = {
  StopLiveRecord: 200,
  DeleteLiveRecord: 200,
  CreateLiveRecord: 500,
  DescribeLiveStreamOnlineList: 80,
  DescribeLiveStreamState: 300,
  DescribeLiveDomains: 200,
  // Callback actions: 200/s to change, 500/s to describe (each action's intl page).
  CreateLiveCallbackTemplate: 200,
  ModifyLiveCallbackTemplate: 200,
  DescribeLiveCallbackTemplates: 500,
  DescribeLiveCallbackTemplate: 500,
  DeleteLiveCallbackTemplate: 200,
  CreateLiveCallbackRule: 200,
  DescribeLiveCallbackRules: 500,
  DeleteLiveCallbackRule: 200,
};

/**
 * api: Tencent answered with Response.Error (other than a rate limit).
 * rate-limit: RequestLimitExceeded* (after our retries ran out).
 * timeout: our deadline passed before an answer arrived.
 * network: connection refused/reset, DNS, or an HTTP status other than 200 (e.g. a 502 from a gateway).
 * malformed: HTTP 200 but the body is not the {"Response": …} envelope we expect.
 */
export type LiveErrorKind = "api" | "rate-limit" | "timeout" | "network" | "malformed";

export type LiveResult<T> =
  | { ok: true; requestId: string; data: T; attempts: number; latencyMs: number }
  | {
      ok: false;
      requestId?: string;
      code: string;
      message: string;
      kind: LiveErrorKind;
      attempts: number;
      latencyMs: number;
    };

/** taskId: decimal string 1..18446744073709551615, sent on the wire as an exact JSON integer. */
export interface StopLiveRecordInput {
  streamName: string;
  taskId: string;
}

export interface CreateLiveRecordInput {
  streamName: string;
  appName?: string;
  domainName?: string;
  /** "YYYY-MM-DD HH:MM:SS" in China Standard Time (UTC+8), as the API wants. */
  startTime?: string;
  /** "YYYY-MM-DD HH:MM:SS" in China Standard Time (UTC+8), as the API wants. */
  endTime?: string;
  recordType?: "video" | "audio";
  fileFormat?: "flv" | "hls" | "mp4" | "aac" | "mp3";
  /** 0 = scheduled mode (default), 1 = real-time ("highlight") mode. */
  highlight?: 0 | 1;
  mixStream?: 0 | 1;
  streamParam?: string;
}

export interface OnlineStream {
  streamName: string;
  appName: string;
  domainName: string;
  /** ISO-8601 UTC, e.g. "2026-11-23T08:00:00Z". */
  publishTimes: string[];
  /** 0 = no delayed playback, 1 = delayed. */
  pushToDelay: number;
}

export type StreamState = "active" | "inactive" | "forbid";

export interface LiveDomain {
  name: string;
  /** 0 push, 1 playback. */
  type: number;
  /** 0 disabled, 1 enabled. */
  status: number;
  /** Beijing time (UTC+8) as Tencent returns it, "YYYY-MM-DD HH:MM:SS". */
  createTime: string;
}

export interface DescribeOnlineListInput {
  domainName?: string;
  appName?: string;
  streamName?: string;
  pageNum?: number;
  pageSize?: number;
}

export interface OnlineListPage {
  totalNum: number;
  totalPage: number;
  pageNum: number;
  pageSize: number;
  streams: OnlineStream[];
}

export interface StreamStateInput {
  domainName: string;
  appName: string;
  streamName: string;
}

export interface DescribeDomainsInput {
  domainType?: 0 | 1;
  pageNum?: number;
  pageSize?: number;
}

export type SimTaskState = "scheduled" | "recording" | "stopped";

/** A legacy recording task as the simulator holds it (times ISO UTC). */
export interface SimTask {
  taskId: string;
  streamName: string;
  appName: string;
  domainName: string;
  state: SimTaskState;
  startTime: string;
  endTime: string;
  createdAt: string;
  fileFormat: string;
  recordType: string;
}

export interface RunningSimulator {
  url: string;
  port: number;
  secretId: string;
  secretKey: string;
  sessionToken?: string;
  listTasks(): SimTask[];
  /** Requests of that action (or all, without an argument) the simulator answered, errors included. */
  callCount(action?: string): number;
  close(): Promise<void>;
}
