import "server-only";
import { sharedBucket } from "./limiter";
import { isObject, type Json } from "./response";
import { backoffMs, sleep } from "./retry";
import { sendSignedRequest } from "./signed-request";
import { DOCUMENTED_RATE_LIMITS, type CallbackAction, type LiveResult } from "./types";
import { toNumber } from "./wire";

// The callback template and rule actions (§1.10c), for `npm run callbacks:setup`. Kept out of client.ts: the
// console never calls them. Same wire as the console's client (signed-request.ts: TC3 over the exact bytes,
// lossless answers) and the same process-wide per-action limiter; a one-shot tool needs only a short retry
// loop. Creates are never retried (a retry after a lost answer would make a second template or a
// RuleAlreadyExist); describes, modify and deletes are, being safe to repeat.

export interface CallbackClientOptions {
  endpoint: string;
  secretId: string;
  secretKey: string;
  sessionToken?: string;
  timeoutMs?: number;
  maxRetries?: number;
  retryBaseMs?: number;
}

/** Tencent's CallBackTemplateInfo, camelCased. URLs absent or empty are "". */
export interface CallbackTemplateInfo {
  templateId: number;
  templateName: string;
  description: string;
  streamBeginNotifyUrl: string;
  streamEndNotifyUrl: string;
  recordNotifyUrl: string;
  recordStatusNotifyUrl: string;
  callbackKey: string;
}

export interface CallbackRuleInfo {
  domainName: string;
  appName: string;
  templateId: number;
  createTime: string;
  updateTime: string;
}

/** The fields RecDesk sets on its template. */
export interface CallbackTemplateInput {
  templateName: string;
  description?: string;
  streamBeginNotifyUrl: string;
  streamEndNotifyUrl: string;
  recordNotifyUrl: string;
  recordStatusNotifyUrl: string;
  callbackKey: string;
}

type Empty = Record<string, never>;

export interface CallbackClient {
  describeTemplates(): Promise<LiveResult<CallbackTemplateInfo[]>>;
  createTemplate(i: CallbackTemplateInput): Promise<LiveResult<{ templateId: number }>>;
  modifyTemplate(templateId: number, i: CallbackTemplateInput): Promise<LiveResult<Empty>>;
  describeRules(): Promise<LiveResult<CallbackRuleInfo[]>>;
  createRule(i: { domainName: string; appName: string; templateId: number }): Promise<LiveResult<Empty>>;
  deleteRule(i: { domainName: string; appName: string }): Promise<LiveResult<Empty>>;
}

export function createCallbackClient(opts: CallbackClientOptions): CallbackClient {
  const url = new URL(opts.endpoint.includes("://") ? opts.endpoint : `https://${opts.endpoint}`);
  url.pathname = "/";
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const maxRetries = Math.max(0, opts.maxRetries ?? 3);
  const retryBaseMs = opts.retryBaseMs ?? 250;
  const scope = `${url.origin}|${opts.secretId}`;
  const credentials = {
    url,
    service: "live",
    secretId: opts.secretId,
    secretKey: opts.secretKey,
    sessionToken: opts.sessionToken,
  };

  async function call<T>(
    action: CallbackAction,
    params: Json,
    retry: boolean,
    convert: (r: Json) => T | undefined,
  ): Promise<LiveResult<T>> {
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    for (let attempts = 1; ; attempts++) {
      await sharedBucket(scope, action, DOCUMENTED_RATE_LIMITS[action]).acquire();
      const r = await sendSignedRequest(credentials, { action, params, retry, timeoutMs });
      if (r.ok) {
        const data = convert(r.response);
        if (data !== undefined) return { ok: true, requestId: r.requestId, data, attempts, latencyMs: latency() };
        return {
          ok: false,
          requestId: r.requestId,
          code: "RecDesk.MalformedResponse",
          message: `${action} answered without the expected fields`,
          kind: "malformed",
          attempts,
          latencyMs: latency(),
        };
      }
      const { retryable, ...failure } = r;
      if (!retry || !retryable || attempts > maxRetries) return { ...failure, attempts, latencyMs: latency() };
      await sleep(backoffMs(attempts, retryBaseMs, 5_000));
    }
  }

  const templateParams = (i: CallbackTemplateInput): Json => ({
    TemplateName: i.templateName,
    ...(i.description !== undefined ? { Description: i.description } : {}),
    StreamBeginNotifyUrl: i.streamBeginNotifyUrl,
    StreamEndNotifyUrl: i.streamEndNotifyUrl,
    RecordNotifyUrl: i.recordNotifyUrl,
    RecordStatusNotifyUrl: i.recordStatusNotifyUrl,
    CallbackKey: i.callbackKey,
  });
  const empty = (): Empty => ({});

  return {
    describeTemplates: () =>
      call("DescribeLiveCallbackTemplates", {}, true, (r) =>
        Array.isArray(r.Templates) ? r.Templates.filter(isObject).map(toTemplate) : undefined,
      ),
    createTemplate: (i) =>
      call("CreateLiveCallbackTemplate", templateParams(i), false, (r) =>
        r.TemplateId === undefined ? undefined : { templateId: toNumber(r.TemplateId) },
      ),
    modifyTemplate: (templateId, i) =>
      call("ModifyLiveCallbackTemplate", { TemplateId: templateId, ...templateParams(i) }, true, empty),
    describeRules: () =>
      call("DescribeLiveCallbackRules", {}, true, (r) =>
        Array.isArray(r.Rules) ? r.Rules.filter(isObject).map(toRule) : undefined,
      ),
    createRule: (i) =>
      call(
        "CreateLiveCallbackRule",
        { DomainName: i.domainName, AppName: i.appName, TemplateId: i.templateId },
        false,
        empty,
      ),
    deleteRule: (i) => call("DeleteLiveCallbackRule", { DomainName: i.domainName, AppName: i.appName }, true, empty),
  };
}

const text = (v: unknown) => (typeof v === "string" ? v : "");

function toTemplate(t: Json): CallbackTemplateInfo {
  return {
    templateId: toNumber(t.TemplateId),
    templateName: text(t.TemplateName),
    description: text(t.Description),
    streamBeginNotifyUrl: text(t.StreamBeginNotifyUrl),
    streamEndNotifyUrl: text(t.StreamEndNotifyUrl),
    recordNotifyUrl: text(t.RecordNotifyUrl),
    recordStatusNotifyUrl: text(t.RecordStatusNotifyUrl),
    callbackKey: text(t.CallbackKey),
  };
}

function toRule(r: Json): CallbackRuleInfo {
  return {
    domainName: text(r.DomainName),
    appName: text(r.AppName),
    templateId: toNumber(r.TemplateId),
    createTime: text(r.CreateTime),
    updateTime: text(r.UpdateTime),
  };
}
