import type {
  CreateLiveRecordInput,
  CreateRecordTaskInput,
  DescribeRecordTaskInput,
  RecordTaskPage,
  RecordTemplate,
  DescribeDomainsInput,
  DescribeOnlineListInput,
  LiveAction,
  LiveDomain,
  LiveErrorKind,
  LiveResult,
  OnlineListPage,
  OnlineStream,
  StopLiveRecordInput,
  StreamState,
  StreamStateInput,
} from "./types";

export interface LiveClientOptions {
  endpoint: string;
  secretId: string;
  secretKey: string;
  sessionToken?: string;
  /** Per attempt, default 10 000. CreateLiveRecord always waits more than 3 s regardless (see below). */
  timeoutMs?: number;
  /** Per-second limits; defaults are Tencent's documented ones. */
  rateLimits?: Partial<Record<LiveAction, number>>;
  /** Extra attempts after the first for retryable failures (Stop/Delete/Describe only), default 4. */
  maxRetries?: number;
  /** First back-off step, default 250 ms; doubles per attempt with jitter, capped by retryMaxDelayMs. */
  retryBaseMs?: number;
  retryMaxDelayMs?: number;
  /** Credential-scope service name, default "live" (what Tencent's live endpoint expects). */
  service?: string;
  /** Observability hook: one event per attempt sent and answered, per retry and per throttled wait; never receives credentials. */
  onEvent?: (e: LiveClientEvent) => void;
  /** X-TC-Region for the RecordTask family (config TENCENTCLOUD_REGION), default ap-guangzhou. */
  region?: string;
  /** Bucket sharing key; default endpoint + secretId, so every client for one account shares a limit. */
  limiterScope?: string;
}

export type LiveClientEvent =
  /** `grantedAt`: the limiter's grant time (performance.now()), unaffected by the event loop's delays after it. */
  | { type: "attempt"; action: LiveAction; attempt: number; grantedAt?: number }
  /** One attempt's answer (or failure before one): code "ok" on success, else the error code. */
  | { type: "answer"; action: LiveAction; attempt: number; code: string; requestId?: string; latencyMs: number }
  | { type: "retry"; action: LiveAction; attempt: number; code: string; kind: LiveErrorKind; delayMs: number }
  | { type: "throttled"; action: LiveAction; waitedMs: number };

export interface LiveClient {
  /**
   * `maxQueued`: refuse at once with RecDesk.Busy (nothing sent) when that many bounded calls already wait for
   * the rate limit; single Stops pass SINGLE_STOP_QUEUE_BOUND, the bulk worker passes nothing (never refused).
   */
  stopLiveRecord(
    i: StopLiveRecordInput,
    o?: { signal?: AbortSignal; maxQueued?: number },
  ): Promise<LiveResult<Record<string, never>>>;
  deleteLiveRecord(i: StopLiveRecordInput): Promise<LiveResult<Record<string, never>>>;
  createLiveRecord(i: CreateLiveRecordInput): Promise<LiveResult<{ taskId: string }>>;
  describeLiveStreamOnlineList(i: DescribeOnlineListInput): Promise<LiveResult<OnlineListPage>>;
  listAllOnlineStreams(i?: {
    domainName?: string;
    appName?: string;
  }): Promise<LiveResult<{ streams: OnlineStream[]; pages: number }>>;
  describeLiveStreamState(i: StreamStateInput): Promise<LiveResult<{ state: StreamState }>>;
  describeLiveDomains(i?: DescribeDomainsInput): Promise<LiveResult<{ total: number; domains: LiveDomain[] }>>;
  /** Never retried. TaskId is Tencent's opaque string. */
  createRecordTask(i: CreateRecordTaskInput): Promise<LiveResult<{ taskId: string }>>;
  /** `maxQueued` as for stopLiveRecord. Stopping an already stopped task succeeds (simulator: README). */
  stopRecordTask(
    i: { taskId: string },
    o?: { signal?: AbortSignal; maxQueued?: number },
  ): Promise<LiveResult<Record<string, never>>>;
  /** Deletes the task's configuration; does not stop a running recording (§1.9). */
  deleteRecordTask(i: { taskId: string }): Promise<LiveResult<Record<string, never>>>;
  /** One page; follow `scrollToken` until it is empty. Window ≤ 7 days, starting ≥ now − 90 days. */
  describeRecordTask(i: DescribeRecordTaskInput): Promise<LiveResult<RecordTaskPage>>;
  describeLiveRecordTemplates(): Promise<LiveResult<{ templates: RecordTemplate[] }>>;
  stats(): { calls: number; retries: number; throttledWaits: number };
}
