import "server-only";
import { sharedBucket, type TokenBucket } from "./limiter";
import { isObject, toOnlineStream, type Json } from "./response";
import { sendSignedRequest, type CallSpec } from "./signed-request";
import { walkOnlineStreams } from "./online-walk";
import { backoffMs, sleep } from "./retry";
import type { LiveClient, LiveClientOptions } from "./client-types";
import { DOCUMENTED_RATE_LIMITS, type LiveAction, type LiveResult, type StopLiveRecordInput } from "./types";
import { recordTaskMethods } from "./record-task-methods";
import { DEFAULT_RECORD_TASK_REGION } from "./record-task-types";
import { TaskIdSchema } from "./validation";
import { integerText, toNumber } from "./wire";

export type { LiveClient, LiveClientOptions } from "./client-types";

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

/** CreateLiveRecord's doc: a client timeout of 3 s or less can create duplicate (billed) tasks. */
export const CREATE_MIN_TIMEOUT_MS = 3_500;

type Failure = Extract<LiveResult<never>, { ok: false }>;

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

  const credentials = {
    url,
    service,
    secretId: opts.secretId,
    secretKey: opts.secretKey,
    sessionToken: opts.sessionToken,
  };
  const attempt = (spec: CallSpec) => sendSignedRequest(credentials, spec);

  async function call<T>(spec: CallSpec, convert: (r: Json) => T | undefined): Promise<LiveResult<T>> {
    const started = performance.now();
    counters.calls += 1;
    let attempts = 0;
    const done = (r: Omit<Failure, "attempts" | "latencyMs">): LiveResult<T> => ({
      ...r,
      attempts,
      latencyMs: Math.round(performance.now() - started),
    });
    try {
      for (;;) {
        const limiter = bucket(spec.action);
        // Only the first attempt is bounded: a retry was already admitted and must not be dropped halfway.
        const slot = await limiter.acquire(spec.signal, attempts === 0 ? { maxQueued: spec.maxQueued } : undefined);
        if (slot.busy) {
          const message = `${limiter.boundedWaiting()} ${spec.action} calls are already waiting for the ${limiter.limit}/s rate limit; this one was refused at once and not sent.`;
          return done({ ok: false, code: "RecDesk.Busy", message, kind: "rate-limit" });
        }
        if (!slot.acquired)
          return done({
            ok: false,
            code: "RecDesk.Aborted",
            message: `${spec.action} was cancelled while waiting for the rate limit`,
            kind: "timeout",
          });
        if (slot.waitedMs > 0) {
          counters.throttledWaits += 1;
          opts.onEvent?.({ type: "throttled", action: spec.action, waitedMs: slot.waitedMs });
        }
        attempts += 1;
        // Emitted as the limiter lets the call go, before any transit time: what "the rate we send at" means.
        opts.onEvent?.({ type: "attempt", action: spec.action, attempt: attempts, grantedAt: slot.at });
        const sentAt = performance.now();
        const r = await attempt(spec);
        opts.onEvent?.({
          type: "answer",
          action: spec.action,
          attempt: attempts,
          code: r.ok ? "ok" : r.code,
          requestId: r.requestId,
          latencyMs: Math.round(performance.now() - sentAt),
        });
        if (r.ok) {
          const data = convert(r.response);
          if (data === undefined)
            return done({
              ok: false,
              requestId: r.requestId,
              code: "RecDesk.MalformedResponse",
              message: `${spec.action} answered without the expected fields`,
              kind: "malformed",
            });
          return {
            ok: true,
            requestId: r.requestId,
            data,
            attempts,
            latencyMs: Math.round(performance.now() - started),
          };
        }
        const { retryable, ...failure } = r;
        if (failure.kind === "rate-limit") limiter.refused();
        if (!spec.retry || !retryable || attempts > maxRetries || spec.signal?.aborted) return done(failure);
        const delayMs = backoffMs(attempts, retryBaseMs, retryMaxDelayMs);
        counters.retries += 1;
        opts.onEvent?.({
          type: "retry",
          action: spec.action,
          attempt: attempts,
          code: failure.code,
          kind: failure.kind,
          delayMs,
        });
        if (!(await sleep(delayMs, spec.signal))) return done(failure);
      }
    } catch (err) {
      // Nothing above should throw; if it does, the caller still gets a result, not an exception.
      return done({
        ok: false,
        code: "RecDesk.NetworkError",
        message: err instanceof Error ? err.message : String(err),
        kind: "network",
      });
    }
  }

  function invalid<T>(message: string): LiveResult<T> {
    return { ok: false, code: "RecDesk.InvalidInput", message, kind: "api", attempts: 0, latencyMs: 0 };
  }

  function stopOrDelete(
    action: "StopLiveRecord" | "DeleteLiveRecord",
    i: StopLiveRecordInput,
    signal?: AbortSignal,
    maxQueued?: number,
  ) {
    const taskId = TaskIdSchema.safeParse(i.taskId);
    if (!taskId.success)
      return Promise.resolve(
        invalid<Record<string, never>>(`TaskId "${i.taskId}": ${taskId.error.issues[0]?.message}`),
      );
    if (!i.streamName?.trim()) return Promise.resolve(invalid<Record<string, never>>("StreamName is required"));
    return call<Record<string, never>>(
      {
        action,
        params: { StreamName: i.streamName, TaskId: BigInt(taskId.data) },
        retry: true,
        timeoutMs,
        signal,
        maxQueued,
      },
      () => ({}),
    );
  }

  const client: LiveClient = {
    ...recordTaskMethods(call, invalid, {
      region: opts.region ?? DEFAULT_RECORD_TASK_REGION,
      timeoutMs,
      createTimeoutMs: Math.max(CREATE_MIN_TIMEOUT_MS, timeoutMs),
    }),
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
      return call(
        { action: "CreateLiveRecord", params, retry: false, timeoutMs: Math.max(CREATE_MIN_TIMEOUT_MS, timeoutMs) },
        (r) => {
          const taskId = integerText(r.TaskId);
          return taskId ? { taskId } : undefined;
        },
      );
    },

    describeLiveStreamOnlineList(i) {
      const params = compact({
        DomainName: i.domainName,
        AppName: i.appName,
        StreamName: i.streamName,
        PageNum: i.pageNum,
        PageSize: i.pageSize,
      });
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

    listAllOnlineStreams: (i = {}) => walkOnlineStreams(client, i),

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

/** Drops undefined fields: an absent optional parameter must not reach Tencent as null. */
function compact(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
