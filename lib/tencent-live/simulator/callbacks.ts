import { createHash } from "node:crypto";
import { CallbackConfig, type TemplateUrlField } from "./callback-config";
import { recordingEnded, recordingStarted, streamEvent, type PendingCallback } from "./callback-events";
import { CallbackSender, TENCENT_CALLBACK_RETRY } from "./callback-sender";
import type { SimState, StreamRec } from "./state";

// The simulator's callback side: turns what happens in the simulated account (a push starting or
// stopping, a recording starting or ending) into the callbacks of the template bound to that stream's
// domain and AppName, and hands them to the sender. Nothing is sent without a bound rule, as on Tencent.

export interface BindCallbacksInput {
  /** Receives every event (stream begin/end, record file, record status). */
  url: string;
  key: string;
  templateName?: string;
  /** AppNames to bind on every push domain; default: every AppName the account's streams use, and "live". */
  appNames?: string[];
}

const RECDESK_FIELDS: TemplateUrlField[] = [
  "StreamBeginNotifyUrl",
  "StreamEndNotifyUrl",
  "RecordNotifyUrl",
  "RecordStatusNotifyUrl",
];

export function startCallbacks(state: SimState, o: { retryMs?: number; maxRetries?: number; timeoutMs?: number }) {
  const sender = new CallbackSender({
    retryMs: Math.max(1, o.retryMs ?? TENCENT_CALLBACK_RETRY.retryMs),
    maxRetries: Math.max(0, o.maxRetries ?? TENCENT_CALLBACK_RETRY.maxRetries),
    timeoutMs: Math.max(1, o.timeoutMs ?? TENCENT_CALLBACK_RETRY.timeoutMs),
  });

  function dispatch(domainName: string, appName: string, pending: PendingCallback[]): void {
    const template = state.callbacks.templateFor(domainName, appName);
    if (!template) return;
    for (const p of pending) {
      const url = template.urls[p.urlField];
      if (url) sender.enqueue(url, template.callbackKey, p);
    }
  }

  state.recordingEvents.onStarted((r) => {
    const format = r.family === "legacy" ? state.tasks.get(BigInt(r.taskId))?.fileFormat : undefined;
    dispatch(r.domainName, r.appName, [recordingStarted(r, format)]);
  });
  state.recordingEvents.onEnded((r) => dispatch(r.domainName, r.appName, recordingEnded(r)));

  /** Begin and end of one push share a `sequence`, as Tencent's do. */
  function pushOf(s: StreamRec) {
    const pushStartMs = Date.parse(s.publishTimes[0] ?? "") || Date.now();
    const h = createHash("sha256").update(`${s.domainName}/${s.appName}/${s.streamName}|${pushStartMs}`).digest();
    return { ...s, pushStartMs, sequence: h.readBigUInt64BE(0).toString() };
  }

  return {
    sender,
    streamBegan: (s: StreamRec, now: number) =>
      dispatch(s.domainName, s.appName, [streamEvent("begin", pushOf(s), now)]),
    streamEnded: (s: StreamRec, now: number) => dispatch(s.domainName, s.appName, [streamEvent("end", pushOf(s), now)]),
    reset: () => sender.clear(),
    bind(i: BindCallbacksInput, now: number): void {
      const cfg = state.callbacks;
      const name = i.templateName ?? "RecDesk-callbacks";
      let template = [...cfg.templates.values()].find((t) => t.templateName === name);
      if (!template) {
        template = { templateId: cfg.allocateId(), templateName: name, description: "", callbackKey: "", urls: {} };
        cfg.templates.set(template.templateId, template);
      }
      template.callbackKey = i.key;
      for (const f of RECDESK_FIELDS) template.urls[f] = i.url;
      const apps = i.appNames ?? [...new Set(["live", ...[...state.online.values()].map((s) => s.appName)])];
      for (const d of state.pushDomains.filter((x) => x.status === 1)) {
        for (const appName of apps) {
          cfg.rules.set(CallbackConfig.ruleKey(d.name, appName), {
            domainName: d.name,
            appName,
            templateId: template.templateId,
            createdMs: now,
            updatedMs: now,
          });
        }
      }
    },
  };
}
