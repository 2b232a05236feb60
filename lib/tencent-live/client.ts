import "server-only";
import { randomUUID } from "node:crypto";
import { isRateLimitCode } from "./errors";
import { sharedBucket, type TokenBucket } from "./limiter";
import { signTc3 } from "./signer";
import { postJson, TransportError } from "./transport";
import {
  DOCUMENTED_RATE_LIMITS,
  LIVE_API_VERSION,
  type CreateLiveRecordInput,
  type DescribeDomainsInput,
  type DescribeOnlineListInput,
  type LiveAction,
  type LiveDomain,
  type LiveErrorKind,
  type LiveResult,
  type OnlineListPage,
  type OnlineStream,
  type StopLiveRecordInput,
  type StreamState,
  type StreamStateInput,
} from "./types";
import { TaskIdSchema } from "./validation";
import { integerText, parseLossless, stringifyLossless, toNumber } from "./wire";

/*
 * Why not the official tencentcloud-sdk-nodejs-common for transport? It is Tencent's own, but it parses
 * every response with plain JSON.parse (node-fetch res.json()), so a CreateLiveRecord TaskId above 2^53
 * comes back with wrong digits and nothing downstream can recover them. It also silently honours
 * http_proxy, throws a raw FetchError on a non-JSON body, and signs with the endpoint's first label.
 * So this client signs TC3 itself (signer.ts, cross-checked against the SDK's own signer in the tests)
 * over the exact bytes it sends, writes TaskId as an exact JSON integer, parses with lossless-json,
 * and owns retries, rate limits and timeouts. tests/tencent-live/sdk.test.ts proves the SDK, configured
 * as its README shows, speaks to the same simulator, so both stay interchangeable on the wire.
 */

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
  /** Observability hook: one line per attempt sent, per retry and per throttled wait; never receives credentials. */
  onEvent?: (e: LiveClientEvent) => void;
  /** Bucket sharing key; default endpoint + secretId, so every client for one account shares a limit. */
  limiterScope?: string;
}

export type LiveClientEvent =
  | { type: "attempt"; action: LiveAction; attempt: number }
  | { type: "retry"; action: LiveAction; attempt: number; code: string; kind: LiveErrorKind; delayMs: number }
  | { type: "throttled"; action: LiveAction; waitedMs: number };

export interface LiveClient {
  /**
   * `maxQueued`: refuse at once with RecDesk.Busy (nothing sent) when that many bounded calls already wait for
   * the rate limit; single Stops pass SINGLE_STOP_QUEUE_BOUND, the bulk worker passes nothing (never refused).
   */
  stopLiveRecord(i: StopLiveRecordInput, o?: { signal?: AbortSignal; maxQueued?: number }): Promise<LiveResult<Record<string, never>>>;
  deleteLiveRecord(i: StopLiveRecordInput): Promise<LiveResult<Record<string, never>>>;
  createLiveRecord(i: CreateLiveRecordInput): Promise<LiveResult<{ taskId: string }>>;
  describeLiveStreamOnlineList(i: DescribeOnlineListInput): Promise<LiveResult<OnlineListPage>>;
  listAllOnlineStreams(i?: { domainName?: string; appName?: string }): Promise<LiveResult<{ streams: OnlineStream[]; pages: number }>>;
  describeLiveStreamState(i: StreamStateInput): Promise<LiveResult<{ state: StreamState }>>;
  describeLiveDomains(i?: DescribeDomainsInput): Promise<LiveResult<{ total: number; domains: LiveDomain[] }>>;
  stats(): { calls: number; retries: number; throttledWaits: number };
}

/** CreateLiveRecord's doc: a client timeout of 3 s or less can create duplicate (billed) tasks. */
export const CREATE_MIN_TIMEOUT_MS = 3_500;
/** Page size for the full walk: the CN doc allows up to 300 000, the intl doc says 100; 100 works on both. */
export const ONLINE_LIST_WALK_PAGE_SIZE = 100;

type Failure = Extract<LiveResult<never>, { ok: false }>;
type Json = Record<string, unknown>;

interface CallSpec {
  action: LiveAction;
  params: Json;
  retry: boolean;
  timeoutMs: number;
  signal?: AbortSignal;
  maxQueued?: number;
}

export function createLiveClient(opts: LiveClientOptions): LiveClient {
  const url = new URL(opts.endpoint.includes("://") ? opts.endpoint : `https://${opts.endpoint}`);
  url.pathname = "/";
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const maxRetries = Math.max(0, opts.maxRetries ?? 4);
  const retryBaseMs = opts.retryBaseMs ?? 250;
  const retryMaxDelayMs = opts.retryMaxDelayMs ?? 5_000;
  const service = opts.service ?? "live";
  const scope = opts.limiterScope ?? `${url.origin}|${opts.secretId}`;
  const counters = { calls: 0, retries: 0, throttledWaits: 0 };
  // Looked up on every call, not cached: if another client later lowers the shared limit, we obey it too.
  function bucket(action: LiveAction): TokenBucket {
    return sharedBucket(scope, action, opts.rateLimits?.[action] ?? DOCUMENTED_RATE_LIMITS[action]);
  }

  async function attempt(spec: CallSpec): Promise<{ ok: true; requestId: string; response: Json } | (Omit<Failure, "attempts" | "latencyMs"> & { retryable: boolean })> {
    const body = stringifyLossless(spec.params);
    const timestamp = Math.floor(Date.now() / 1000);
    const contentType = "application/json";
    const signed = signTc3({
      secretId: opts.secretId,
      secretKey: opts.secretKey,
      service,
      timestamp,
      signedHeaders: { "content-type": contentType, host: url.host, "x-tc-action": spec.action },
      payload: body,
    });
    const headers: Record<string, string> = {
      Authorization: signed.authorization,
      "Content-Type": contentType,
      Host: url.host,
      "X-TC-Action": spec.action,
      "X-TC-Version": LIVE_API_VERSION,
      "X-TC-Timestamp": String(timestamp),
      "X-TC-TraceId": randomUUID(),
    };
    if (opts.sessionToken) headers["X-TC-Token"] = opts.sessionToken;

    let raw;
    try {
      raw = await postJson({ url, headers, body, timeoutMs: spec.timeoutMs, signal: spec.signal });
    } catch (err) {
      if (err instanceof TransportError) {
        const f = err.failure;
        if (f.kind === "timeout") return { ok: false, code: "RecDesk.Timeout", message: `Tencent Cloud did not answer ${spec.action} within ${spec.timeoutMs} ms`, kind: "timeout", retryable: false };
        if (f.kind === "aborted") return { ok: false, code: "RecDesk.Aborted", message: `${spec.action} was cancelled before an answer arrived`, kind: "timeout", retryable: false };
        return { ok: false, code: "RecDesk.NetworkError", message: `${spec.action}: ${f.errorCode ? `${f.errorCode} ` : ""}${f.message}`, kind: "network", retryable: true };
      }
      return { ok: false, code: "RecDesk.NetworkError", message: String(err), kind: "network", retryable: true };
    }
    // Tencent answers everything, errors included, with HTTP 200; anything else came from something in
    // between (gateway, load balancer), so we treat it like a dropped connection and retry it.
    if (raw.status !== 200) {
      return { ok: false, code: "RecDesk.NetworkError", message: `HTTP ${raw.status} ${raw.statusText}`.trim(), kind: "network", retryable: true };
    }
    let parsed: unknown;
    try {
      parsed = parseLossless(raw.body);
    } catch {
      return { ok: false, code: "RecDesk.MalformedResponse", message: `not JSON: ${raw.body.slice(0, 80)}`, kind: "malformed", retryable: false };
    }
    const response = isObject(parsed) ? parsed.Response : undefined;
    if (!isObject(response)) {
      return { ok: false, code: "RecDesk.MalformedResponse", message: "JSON without the Response envelope", kind: "malformed", retryable: false };
    }
    const requestId = typeof response.RequestId === "string" ? response.RequestId : undefined;
    if (response.Error !== undefined) {
      const e = isObject(response.Error) ? response.Error : {};
      const code = typeof e.Code === "string" ? e.Code : "";
      const message = typeof e.Message === "string" ? e.Message : "";
      if (!code) return { ok: false, requestId, code: "RecDesk.MalformedResponse", message: "Response.Error without a Code", kind: "malformed", retryable: false };
      const limited = isRateLimitCode(code);
      return { ok: false, requestId, code, message, kind: limited ? "rate-limit" : "api", retryable: limited };
    }
    if (!requestId) return { ok: false, code: "RecDesk.MalformedResponse", message: "Response without a RequestId", kind: "malformed", retryable: false };
    return { ok: true, requestId, response };
  }

  async function call<T>(spec: CallSpec, convert: (r: Json) => T | undefined): Promise<LiveResult<T>> {
    const started = performance.now();
    counters.calls += 1;
    let attempts = 0;
    const done = (r: Omit<Failure, "attempts" | "latencyMs">): LiveResult<T> => ({ ...r, attempts, latencyMs: Math.round(performance.now() - started) });
    try {
      for (;;) {
        const limiter = bucket(spec.action);
        // Only the first attempt is bounded: a retry was already admitted and must not be dropped halfway.
        const slot = await limiter.acquire(spec.signal, attempts === 0 ? { maxQueued: spec.maxQueued } : undefined);
        if (slot.busy) {
          const message = `${limiter.boundedWaiting()} ${spec.action} calls are already waiting for the ${limiter.limit}/s rate limit; this one was refused at once and not sent.`;
          return done({ ok: false, code: "RecDesk.Busy", message, kind: "rate-limit" });
        }
        if (!slot.acquired) return done({ ok: false, code: "RecDesk.Aborted", message: `${spec.action} was cancelled while waiting for the rate limit`, kind: "timeout" });
        if (slot.waitedMs > 0) {
          counters.throttledWaits += 1;
          opts.onEvent?.({ type: "throttled", action: spec.action, waitedMs: slot.waitedMs });
        }
        attempts += 1;
        // Emitted as the limiter lets the call go, before any transit time: what "the rate we send at" means.
        opts.onEvent?.({ type: "attempt", action: spec.action, attempt: attempts });
        const r = await attempt(spec);
        if (r.ok) {
          const data = convert(r.response);
          if (data === undefined) return done({ ok: false, requestId: r.requestId, code: "RecDesk.MalformedResponse", message: `${spec.action} answered without the expected fields`, kind: "malformed" });
          return { ok: true, requestId: r.requestId, data, attempts, latencyMs: Math.round(performance.now() - started) };
        }
        const { retryable, ...failure } = r;
        if (!spec.retry || !retryable || attempts > maxRetries || spec.signal?.aborted) return done(failure);
        const delayMs = backoff(attempts);
        counters.retries += 1;
        opts.onEvent?.({ type: "retry", action: spec.action, attempt: attempts, code: failure.code, kind: failure.kind, delayMs });
        if (!(await sleep(delayMs, spec.signal))) return done(failure);
      }
    } catch (err) {
      // Nothing above should throw; if it does, the caller still gets a result, not an exception.
      return done({ ok: false, code: "RecDesk.NetworkError", message: err instanceof Error ? err.message : String(err), kind: "network" });
    }
  }

  /** Full jitter in [½·step, step], step = base·2^(n−1), capped: spreads retries of a burst over time. */
  function backoff(n: number): number {
    const step = Math.min(retryMaxDelayMs, retryBaseMs * 2 ** (n - 1));
    return Math.round(step / 2 + Math.random() * (step / 2));
  }

  function invalid<T>(message: string): LiveResult<T> {
    return { ok: false, code: "RecDesk.InvalidInput", message, kind: "api", attempts: 0, latencyMs: 0 };
  }

  function stopOrDelete(action: "StopLiveRecord" | "DeleteLiveRecord", i: StopLiveRecordInput, signal?: AbortSignal, maxQueued?: number) {
    const taskId = TaskIdSchema.safeParse(i.taskId);
    if (!taskId.success) return Promise.resolve(invalid<Record<string, never>>(`TaskId "${i.taskId}": ${taskId.error.issues[0]?.message}`));
    if (!i.streamName?.trim()) return Promise.resolve(invalid<Record<string, never>>("StreamName is required"));
    return call<Record<string, never>>(
      { action, params: { StreamName: i.streamName, TaskId: BigInt(taskId.data) }, retry: true, timeoutMs, signal, maxQueued },
      () => ({}),
    );
  }

  const client: LiveClient = {
    stopLiveRecord: (i, o) => stopOrDelete("StopLiveRecord", i, o?.signal, o?.maxQueued),
    deleteLiveRecord: (i) => stopOrDelete("DeleteLiveRecord", i),

    async createLiveRecord(i) {
      if (!i.streamName?.trim()) return invalid("StreamName is required");
      const params = compact({
        StreamName: i.streamName,
        AppName: i.appName,
        DomainName: i.domainName,
        StartTime: i.startTime,
        EndTime: i.endTime,
        RecordType: i.recordType,
        FileFormat: i.fileFormat,
        Highlight: i.highlight,
        MixStream: i.mixStream,
        StreamParam: i.streamParam,
      });
      // Never retried: a retry after a lost answer can start a second, separately billed recording.
      return call({ action: "CreateLiveRecord", params, retry: false, timeoutMs: Math.max(CREATE_MIN_TIMEOUT_MS, timeoutMs) }, (r) => {
        const taskId = integerText(r.TaskId);
        return taskId ? { taskId } : undefined;
      });
    },

    describeLiveStreamOnlineList(i) {
      const params = compact({ DomainName: i.domainName, AppName: i.appName, StreamName: i.streamName, PageNum: i.pageNum, PageSize: i.pageSize });
      return call({ action: "DescribeLiveStreamOnlineList", params, retry: true, timeoutMs }, (r) => {
        if (!Array.isArray(r.OnlineInfo)) return undefined;
        return {
          totalNum: toNumber(r.TotalNum),
          totalPage: toNumber(r.TotalPage),
          pageNum: toNumber(r.PageNum, i.pageNum ?? 1),
          pageSize: toNumber(r.PageSize, i.pageSize ?? 10),
          streams: r.OnlineInfo.filter(isObject).map(toOnlineStream),
        };
      });
    },

    async listAllOnlineStreams(i = {}) {
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
      return { ok: true, requestId: last.requestId, data: { streams: [...seen.values()], pages }, attempts, latencyMs: Math.round(performance.now() - started) };
    },

    describeLiveStreamState(i) {
      const params = { AppName: i.appName, DomainName: i.domainName, StreamName: i.streamName };
      return call({ action: "DescribeLiveStreamState", params, retry: true, timeoutMs }, (r) => {
        const s = r.StreamState;
        return s === "active" || s === "inactive" || s === "forbid" ? { state: s } : undefined;
      });
    },

    describeLiveDomains(i = {}) {
      const params = compact({ DomainType: i.domainType, PageNum: i.pageNum, PageSize: i.pageSize });
      return call({ action: "DescribeLiveDomains", params, retry: true, timeoutMs }, (r) => {
        if (!Array.isArray(r.DomainList)) return undefined;
        return {
          total: toNumber(r.AllCount),
          domains: r.DomainList.filter(isObject).map((d) => ({
            name: String(d.Name ?? ""),
            type: toNumber(d.Type),
            status: toNumber(d.Status),
            createTime: String(d.CreateTime ?? ""),
          })),
        };
      });
    },

    stats: () => ({ ...counters }),
  };
  return client;
}

function toOnlineStream(o: Json): OnlineStream {
  const times = Array.isArray(o.PublishTimeList) ? o.PublishTimeList : [];
  return {
    streamName: String(o.StreamName ?? ""),
    appName: String(o.AppName ?? ""),
    domainName: String(o.DomainName ?? ""),
    publishTimes: times.filter(isObject).map((t) => String(t.PublishTime ?? "")).filter(Boolean),
    pushToDelay: toNumber(o.PushToDelay),
  };
}

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Drops undefined fields: an absent optional parameter must not reach Tencent as null. */
function compact(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
