import "server-only";
import { parseArgs } from "node:util";
import { ConfigError, parseTencentConfig } from "@/lib/config-schema";
import {
  createCallbackClient,
  type CallbackClient,
  type CallbackTemplateInfo,
  type CallbackTemplateInput,
} from "./callback-client";
import type { LiveResult } from "./types";
import { AppNameSchema, DomainNameSchema } from "./validation";

// `npm run callbacks:setup -- --url URL --domain DOMAIN [--app live] [--dry-run] [--replace]`: points Tencent's
// callbacks for one push domain and AppName at RecDesk's endpoint. It creates RecDesk's callback template (or
// updates the one it made before, found by name), then binds it with CreateLiveCallbackRule. Reads first, so
// a re-run changes only what differs and --dry-run can say exactly what it would do.

export const RECDESK_TEMPLATE_NAME = "RecDesk-callbacks";
const DESCRIPTION = "RecDesk-stream-and-recording-callbacks";
const USAGE =
  "Usage: npm run callbacks:setup -- --url https://recdesk.example.com/api/callbacks/live --domain push.example.com [--app live] [--dry-run] [--replace]";

interface SetupArgs {
  url: string;
  domain: string;
  app: string;
  dryRun: boolean;
  replace: boolean;
}

type Out = (line: string) => void;

/** Exit codes: 0 done (or dry run), 1 Tencent refused or could not be reached, 2 bad arguments or configuration. */
export async function runCallbacksSetup(
  argv: string[],
  env: Record<string, string | undefined>,
  out: Out,
  err: Out,
): Promise<number> {
  const args = parseSetupArgs(argv);
  if (args === "help") {
    out(USAGE);
    return 0;
  }
  if (typeof args === "string") {
    err(`callbacks:setup: ${args}`);
    return 2;
  }
  const key = env.TENCENTCLOUD_CALLBACK_KEY?.trim();
  if (!key) {
    err("callbacks:setup: TENCENTCLOUD_CALLBACK_KEY is missing: set the key Tencent will sign callbacks with");
    return 2;
  }
  let tencent: ReturnType<typeof parseTencentConfig>;
  try {
    tencent = parseTencentConfig(env);
  } catch (e) {
    err(`callbacks:setup: ${e instanceof ConfigError ? e.message : String(e)}`);
    return 2;
  }
  // The console only accepts up to 32 letters and digits; the API documents no rule, so warn, don't refuse.
  if (!/^[A-Za-z0-9]{1,32}$/.test(key)) {
    err(
      "callbacks:setup: warning: TENCENTCLOUD_CALLBACK_KEY is not 1-32 letters and digits, which Tencent's console requires",
    );
  }
  const client = createCallbackClient(tencent);
  return setUp(client, args, key, out, err);
}

function parseSetupArgs(argv: string[]): SetupArgs | "help" | string {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        url: { type: "string" },
        domain: { type: "string" },
        app: { type: "string", default: "live" },
        "dry-run": { type: "boolean", default: false },
        replace: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    }).values;
  } catch (e) {
    return `${(e as Error).message} (${USAGE})`;
  }
  if (values.help) return "help";
  if (!values.url) return `--url is required (${USAGE})`;
  if (!values.domain) return `--domain is required (${USAGE})`;
  let url: URL;
  try {
    url = new URL(values.url);
  } catch {
    return `--url must be an http(s) URL such as https://recdesk.example.com/api/callbacks/live, got "${values.url}"`;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return `--url must be an http(s) URL such as https://recdesk.example.com/api/callbacks/live, got "${values.url}"`;
  const domain = DomainNameSchema.safeParse(values.domain);
  if (!domain.success || !/^[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/.test(values.domain))
    return `--domain must be a push domain such as push.example.com, got "${values.domain}"`;
  const app = AppNameSchema.safeParse(values.app);
  if (!app.success) return `--app: ${app.error.issues[0]?.message ?? "invalid"}, got "${values.app}"`;
  return {
    url: values.url,
    domain: values.domain,
    app: values.app,
    dryRun: values["dry-run"],
    replace: values.replace,
  };
}

function failure(action: string, r: Extract<LiveResult<unknown>, { ok: false }>): string {
  return `callbacks:setup: ${action} failed: ${r.code}: ${r.message}${r.requestId ? ` (RequestId ${r.requestId})` : ""}`;
}

async function setUp(client: CallbackClient, a: SetupArgs, key: string, out: Out, err: Out): Promise<number> {
  const would = a.dryRun ? "would " : "";
  const wanted: CallbackTemplateInput = {
    templateName: RECDESK_TEMPLATE_NAME,
    description: DESCRIPTION,
    streamBeginNotifyUrl: a.url,
    streamEndNotifyUrl: a.url,
    recordNotifyUrl: a.url,
    recordStatusNotifyUrl: a.url,
    callbackKey: key,
  };
  if (a.dryRun) out("Dry run: nothing will be changed.");

  const templates = await client.describeTemplates();
  if (!templates.ok) return (err(failure("DescribeLiveCallbackTemplates", templates)), 1);
  const existing = templates.data.find((t) => t.templateName === RECDESK_TEMPLATE_NAME);
  const urls = `stream begin, stream end, record file and record status → ${a.url}; key from TENCENTCLOUD_CALLBACK_KEY`;

  let templateId: number | undefined = existing?.templateId;
  if (!existing) {
    if (a.dryRun) out(`Template "${RECDESK_TEMPLATE_NAME}": would create it (${urls}).`);
    else {
      const r = await client.createTemplate(wanted);
      if (!r.ok) return (err(failure("CreateLiveCallbackTemplate", r)), 1);
      templateId = r.data.templateId;
      out(`Template "${RECDESK_TEMPLATE_NAME}": created as ${templateId} (${urls}) (RequestId ${r.requestId}).`);
    }
  } else if (sameTemplate(existing, wanted)) {
    out(`Template "${RECDESK_TEMPLATE_NAME}" (${existing.templateId}): already up to date, unchanged.`);
  } else if (a.dryRun) {
    out(`Template "${RECDESK_TEMPLATE_NAME}" (${existing.templateId}): would update it (${urls}).`);
  } else {
    const r = await client.modifyTemplate(existing.templateId, wanted);
    if (!r.ok) return (err(failure("ModifyLiveCallbackTemplate", r)), 1);
    out(`Template "${RECDESK_TEMPLATE_NAME}" (${existing.templateId}): updated (${urls}) (RequestId ${r.requestId}).`);
  }

  const rules = await client.describeRules();
  if (!rules.ok) return (err(failure("DescribeLiveCallbackRules", rules)), 1);
  const bound = rules.data.find((r) => r.domainName === a.domain && r.appName === a.app);
  const where = `${a.domain}/${a.app}`;
  const target = templateId === undefined ? `"${RECDESK_TEMPLATE_NAME}"` : `template ${templateId}`;
  if (bound && templateId !== undefined && bound.templateId === templateId) {
    out(`Rule ${where}: already bound to template ${templateId}, unchanged.`);
    return done(out, a.dryRun, false);
  }
  if (bound) {
    const other = templates.data.find((t) => t.templateId === bound.templateId);
    const name = other ? ` ("${other.templateName}")` : "";
    if (!a.replace) {
      err(
        `callbacks:setup: ${where} is bound to another callback template, ${bound.templateId}${name}; run again with --replace to bind RecDesk's instead`,
      );
      return 1;
    }
    if (a.dryRun) out(`Rule ${where}: would unbind template ${bound.templateId}${name}.`);
    else {
      const r = await client.deleteRule({ domainName: a.domain, appName: a.app });
      if (!r.ok) return (err(failure("DeleteLiveCallbackRule", r)), 1);
      out(`Rule ${where}: unbound template ${bound.templateId}${name} (RequestId ${r.requestId}).`);
    }
  }
  if (a.dryRun || templateId === undefined) {
    out(`Rule ${where}: ${would}bind ${target}.`);
    return done(out, a.dryRun, true);
  }
  const r = await client.createRule({ domainName: a.domain, appName: a.app, templateId });
  if (!r.ok) return (err(failure("CreateLiveCallbackRule", r)), 1);
  out(`Rule ${where}: bound to template ${templateId} (RequestId ${r.requestId}).`);
  return done(out, false, true);
}

function sameTemplate(t: CallbackTemplateInfo, w: CallbackTemplateInput): boolean {
  return (
    t.streamBeginNotifyUrl === w.streamBeginNotifyUrl &&
    t.streamEndNotifyUrl === w.streamEndNotifyUrl &&
    t.recordNotifyUrl === w.recordNotifyUrl &&
    t.recordStatusNotifyUrl === w.recordStatusNotifyUrl &&
    t.callbackKey === w.callbackKey
  );
}

function done(out: Out, dryRun: boolean, newBinding: boolean): number {
  if (dryRun) out("Dry run finished: nothing was changed.");
  else if (newBinding) out("Done. Tencent applies a new binding within about 5-10 minutes.");
  else out("Done.");
  return 0;
}
