import type { ActionOutcome } from "./actions";
import { CallbackConfig, MAX_CALLBACK_TEMPLATES, TEMPLATE_URL_FIELDS, type CallbackTemplate } from "./callback-config";
import type { Params, ParamSpec } from "./params";
import type { SimState } from "./state";

// The callback template and rule actions (§1.10c). Error codes are the ones Tencent lists for its
// template/rule family (InternalError.ConfNotFound, ConfInUsed, ConfOutLimit, RuleAlreadyExist,
// RuleNotFound); where the docs are silent the choice is listed in README.md.

const err = (code: string, message: string): ActionOutcome => ({ error: { code, message } });
const str = (p: Params, k: string) => p[k] as string | undefined;

// Documented: "Only letters, digits, underscores, and hyphens" (the CN page adds Chinese characters).
const NAME_RE = /^[\p{Script=Han}A-Za-z0-9_-]+$/u;
const isName = (max: number) => (v: string) => NAME_RE.test(v) && Buffer.byteLength(v) <= max;
const isUrl = (v: string) => {
  if (v === "") return true; // an empty URL turns that callback off
  try {
    const u = new URL(v);
    return (u.protocol === "http:" || u.protocol === "https:") && v.length <= 512;
  } catch {
    return false;
  }
};

const urlSpecs = Object.fromEntries(
  TEMPLATE_URL_FIELDS.map((f) => [f, { type: "String", check: isUrl } satisfies ParamSpec]),
) as Record<string, ParamSpec>;
const templateFields: Record<string, ParamSpec> = {
  Description: { type: "String", check: (v) => v === "" || isName(1024)(v) },
  CallbackKey: { type: "String", check: (v) => v.length <= 256 },
  ...urlSpecs,
  // Documented on the template but not a URL: which record exceptions to report.
  RecordExceptionLevels: { type: "String" },
};
const templateId: ParamSpec = { type: "Integer", required: true, min: 1n, max: 4294967295n };
const ruleKey: Record<string, ParamSpec> = {
  DomainName: { type: "String", required: true },
  AppName: { type: "String", required: true },
};

export const CALLBACK_PARAMS: Record<string, Record<string, ParamSpec>> = {
  CreateLiveCallbackTemplate: {
    TemplateName: { type: "String", required: true, check: isName(255) },
    ...templateFields,
  },
  ModifyLiveCallbackTemplate: {
    TemplateId: templateId,
    TemplateName: { type: "String", check: isName(255) },
    ...templateFields,
  },
  DescribeLiveCallbackTemplates: {},
  DescribeLiveCallbackTemplate: { TemplateId: templateId },
  DeleteLiveCallbackTemplate: { TemplateId: templateId },
  CreateLiveCallbackRule: { ...ruleKey, TemplateId: templateId },
  DescribeLiveCallbackRules: {},
  // The doc's own example also passes TemplateId; it is accepted and ignored.
  DeleteLiveCallbackRule: { ...ruleKey, TemplateId: { ...templateId, required: false } },
};

type Handler = (s: SimState, p: Params, now: number) => ActionOutcome;

function applyFields(t: CallbackTemplate, p: Params): void {
  const name = str(p, "TemplateName");
  if (name !== undefined) t.templateName = name;
  const description = str(p, "Description");
  if (description !== undefined) t.description = description;
  const key = str(p, "CallbackKey");
  if (key !== undefined) t.callbackKey = key;
  for (const f of TEMPLATE_URL_FIELDS) {
    const v = str(p, f);
    if (v !== undefined) t.urls[f] = v;
  }
}

function findTemplate(s: SimState, p: Params): CallbackTemplate | ActionOutcome {
  const id = Number(p.TemplateId as bigint);
  return s.callbacks.templates.get(id) ?? err("InternalError.ConfNotFound", `The template ${id} does not exist.`);
}

const isOutcome = (v: CallbackTemplate | ActionOutcome): v is ActionOutcome => "error" in v;

const createTemplate: Handler = (s, p) => {
  if (!TEMPLATE_URL_FIELDS.some((f) => str(p, f))) {
    // Documented: "You need to specify at least one callback URL."
    return err("InvalidParameter", "Specify at least one callback URL.");
  }
  if (s.callbacks.templates.size >= MAX_CALLBACK_TEMPLATES) {
    return err(
      "InternalError.ConfOutLimit",
      `An account can have at most ${MAX_CALLBACK_TEMPLATES} callback templates.`,
    );
  }
  const t: CallbackTemplate = {
    templateId: s.callbacks.allocateId(),
    templateName: "",
    description: "",
    callbackKey: "",
    urls: {},
  };
  applyFields(t, p);
  s.callbacks.templates.set(t.templateId, t);
  return { data: { TemplateId: t.templateId } };
};

const modifyTemplate: Handler = (s, p) => {
  const t = findTemplate(s, p);
  if (isOutcome(t)) return t;
  applyFields(t, p);
  return { data: {} };
};

const describeTemplates: Handler = (s) => ({
  data: { Templates: [...s.callbacks.templates.values()].map((t) => s.callbacks.describeTemplate(t)) },
});

const describeTemplate: Handler = (s, p) => {
  const t = findTemplate(s, p);
  return isOutcome(t) ? t : { data: { Template: s.callbacks.describeTemplate(t) } };
};

const deleteTemplate: Handler = (s, p) => {
  const t = findTemplate(s, p);
  if (isOutcome(t)) return t;
  // The console's rule: a bound template must be unbound (DeleteLiveCallbackRule) before it is deleted.
  if ([...s.callbacks.rules.values()].some((r) => r.templateId === t.templateId)) {
    return err("InternalError.ConfInUsed", "The template is bound to a domain; delete its callback rule first.");
  }
  s.callbacks.templates.delete(t.templateId);
  return { data: {} };
};

const createRule: Handler = (s, p, now) => {
  const t = findTemplate(s, p);
  if (isOutcome(t)) return t;
  const domainName = str(p, "DomainName")!;
  const appName = str(p, "AppName")!;
  if (!s.pushDomains.some((d) => d.name === domainName)) {
    return err("InvalidParameterValue", `The DomainName \`${domainName}\` is not a push domain of this account.`);
  }
  const key = CallbackConfig.ruleKey(domainName, appName);
  const existing = s.callbacks.rules.get(key);
  if (existing) {
    return err(
      "InternalError.RuleAlreadyExist",
      `${domainName}/${appName} is already bound to callback template ${existing.templateId}.`,
    );
  }
  s.callbacks.rules.set(key, { domainName, appName, templateId: t.templateId, createdMs: now, updatedMs: now });
  return { data: {} };
};

const describeRules: Handler = (s) => ({
  data: { Rules: [...s.callbacks.rules.values()].map((r) => s.callbacks.describeRule(r)) },
});

const deleteRule: Handler = (s, p) => {
  const key = CallbackConfig.ruleKey(str(p, "DomainName")!, str(p, "AppName")!);
  if (!s.callbacks.rules.delete(key)) return err("InternalError.RuleNotFound", "No callback rule is bound there.");
  return { data: {} };
};

export const CALLBACK_HANDLERS: Record<string, Handler> = {
  CreateLiveCallbackTemplate: createTemplate,
  ModifyLiveCallbackTemplate: modifyTemplate,
  DescribeLiveCallbackTemplates: describeTemplates,
  DescribeLiveCallbackTemplate: describeTemplate,
  DeleteLiveCallbackTemplate: deleteTemplate,
  CreateLiveCallbackRule: createRule,
  DescribeLiveCallbackRules: describeRules,
  DeleteLiveCallbackRule: deleteRule,
};
