// The account's callback templates and rules (§1.10c), as CreateLiveCallbackTemplate and
// CreateLiveCallbackRule keep them. Not part of the seeded state: a /_sim/reset reseeds streams and
// tasks but leaves the callback set-up alone, as it would survive on Tencent.

/** The template's URL fields, by Tencent's names, and which event_types each receives. */
export const TEMPLATE_URL_FIELDS = [
  "StreamBeginNotifyUrl",
  "StreamEndNotifyUrl",
  "RecordNotifyUrl",
  "RecordStatusNotifyUrl",
  "SnapshotNotifyUrl",
  "PornCensorshipNotifyUrl",
  "PushExceptionNotifyUrl",
  "AudioAuditNotifyUrl",
  "RecordExceptionNotifyUrl",
  "StreamMixNotifyUrl",
] as const;
export type TemplateUrlField = (typeof TEMPLATE_URL_FIELDS)[number];

export interface CallbackTemplate {
  templateId: number;
  templateName: string;
  description: string;
  callbackKey: string;
  urls: Partial<Record<TemplateUrlField, string>>;
}

export interface CallbackRule {
  domainName: string;
  appName: string;
  templateId: number;
  createdMs: number;
  updatedMs: number;
}

/** Documented: "Up to 50 templates can be created." */
export const MAX_CALLBACK_TEMPLATES = 50;

/** Beijing time, as Tencent writes CreateTime (state.ts has the same; not imported to keep state.ts → here one-way). */
function beijingTime(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
}

export class CallbackConfig {
  readonly templates = new Map<number, CallbackTemplate>();
  /** Keyed by domain/app: one template per push domain and AppName. */
  readonly rules = new Map<string, CallbackRule>();
  // Tencent's sample TemplateIds are small integers (1000, 78895); start where their example does.
  private nextId = 1000;

  allocateId(): number {
    return this.nextId++;
  }

  static ruleKey(domainName: string, appName: string): string {
    return `${domainName}/${appName}`;
  }

  /** The template bound to a stream's domain and AppName, if any. */
  templateFor(domainName: string, appName: string): CallbackTemplate | undefined {
    const rule = this.rules.get(CallbackConfig.ruleKey(domainName, appName));
    return rule ? this.templates.get(rule.templateId) : undefined;
  }

  describeTemplate(t: CallbackTemplate): Record<string, unknown> {
    const urls = Object.fromEntries(TEMPLATE_URL_FIELDS.map((f) => [f, t.urls[f] ?? ""]));
    return {
      TemplateId: t.templateId,
      TemplateName: t.templateName,
      Description: t.description,
      ...urls,
      CallbackKey: t.callbackKey,
    };
  }

  describeRule(r: CallbackRule): Record<string, unknown> {
    return {
      CreateTime: beijingTime(r.createdMs),
      UpdateTime: beijingTime(r.updatedMs),
      TemplateId: r.templateId,
      DomainName: r.domainName,
      AppName: r.appName,
    };
  }
}
