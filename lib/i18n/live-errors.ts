import "server-only";
import type { Entry } from "@/lib/tencent-live/error-catalog/entry";
import { RECORD_TASK_CODES } from "@/lib/tencent-live/error-catalog/record-task-codes";
import { ZH_RECDESK_CODES } from "@/lib/tencent-live/error-catalog/zh-cn-recdesk-codes";
import { ZH_RECORD_TASK_CODES } from "@/lib/tencent-live/error-catalog/zh-cn-record-task-codes";
import { ZH_REQUEST_CODES } from "@/lib/tencent-live/error-catalog/zh-cn-request-codes";
import { ZH_SERVICE_CODES } from "@/lib/tencent-live/error-catalog/zh-cn-service-codes";
import type { ZhTexts } from "@/lib/tencent-live/error-catalog/zh-cn-entry";
import {
  explainLiveError,
  LIVE_ERROR_CATALOG,
  liveErrorFamily,
  tencentSaid,
  UNKNOWN_CODE_NEXT_STEP,
  unexpectedErrorTitle,
  unknownCodeSentence,
  type LiveErrorExplanation,
} from "@/lib/tencent-live/errors";
import { explainTaskError } from "@/lib/tasks/local-errors";
import { ZH_TASK_FLOW_CODES } from "./live-errors-task-flows";
import type { Locale } from "./locales";

// The Tencent error explanations in the reader's language. The English catalog (lib/tencent-live/errors.ts) stays
// the source of truth for data: audit records, logs and CSV keep its English; only what a page shows is
// translated, at the last moment, by the server (action results, server-rendered pages). Server-only, so the
// Chinese texts never ship in the client's JavaScript.

type Texts = Pick<LiveErrorExplanation, "title" | "meaning" | "nextStep">;

/** The Chinese texts of every code, in the order errors.ts merges the English ones. */
export const ZH_LIVE_ERROR_CODES: Readonly<Record<string, ZhTexts>> = {
  ...ZH_SERVICE_CODES,
  ...ZH_REQUEST_CODES,
  ...ZH_RECDESK_CODES,
};
export { ZH_RECORD_TASK_CODES };

// One code can read differently by action (InvalidParameter is "no such task" on StopRecordTask), so an
// explanation is recognised by its exact English words, not by its code alone.
const identity = (code: string, t: Texts) => `${code}\u0000${t.title}\u0000${t.meaning}\u0000${t.nextStep}`;
const ZH_BY_ENGLISH = new Map<string, ZhTexts>();
function learn(code: string, en: Entry | undefined, zh: ZhTexts | undefined) {
  if (en && zh) ZH_BY_ENGLISH.set(identity(code, en), zh);
}
for (const [code, en] of Object.entries(LIVE_ERROR_CATALOG)) learn(code, en, ZH_LIVE_ERROR_CODES[code]);
for (const [action, codes] of Object.entries(RECORD_TASK_CODES)) {
  const zh = ZH_RECORD_TASK_CODES[action as keyof typeof ZH_RECORD_TASK_CODES];
  for (const [code, en] of Object.entries(codes)) learn(code, en, zh[code]);
}
for (const [code, zh] of Object.entries(ZH_TASK_FLOW_CODES)) {
  const en = explainTaskError(code);
  // Only the task flows' own words: never teach the catalog's fallback wording another meaning.
  if (en.meaning !== explainLiveError(code).meaning) learn(code, en, zh);
}

const ZH_UNKNOWN_CODE_NEXT_STEP = "请稍后重试；如果问题持续出现，请将错误码、返回信息和请求 ID 发送给 RecDesk 团队。";
const zhTencentSaid = (message: string | undefined) => (message ? `腾讯云返回信息：“${message}”。` : "");

/** The message inside `tencentSaid(message)`'s words: undefined for none, null when `rest` is something else. */
function messageOf(rest: string): string | undefined | null {
  if (rest === "") return undefined;
  const head = ' Tencent Cloud said: "';
  if (!rest.startsWith(head) || !rest.endsWith('".')) return null;
  const message = rest.slice(head.length, -2);
  return tencentSaid(message) === rest ? message : null;
}

/** The Chinese words of an English explanation, or undefined when RecDesk did not write these words. */
function zhTexts(x: LiveErrorExplanation): ZhTexts | undefined {
  const known = ZH_BY_ENGLISH.get(identity(x.code, x));
  if (known) return known;

  // An unseen sub-code of a known family: "<family meaning> (code X). Tencent Cloud said: "…"."
  const family = liveErrorFamily(x.code);
  if (family) {
    const zh = ZH_LIVE_ERROR_CODES[x.code.slice(0, x.code.indexOf("."))];
    const head = `${family.meaning} (code ${x.code}).`;
    if (!zh || x.title !== family.title || x.nextStep !== family.nextStep || !x.meaning.startsWith(head)) return;
    const message = messageOf(x.meaning.slice(head.length));
    if (message === null) return;
    return { ...zh, meaning: `${zh.meaning.replace(/。$/, "")}（错误码 ${x.code}）。${zhTencentSaid(message)}` };
  }

  // A code RecDesk has never heard of: its generic words.
  const head = unknownCodeSentence(x.code);
  if (x.title !== unexpectedErrorTitle(x.code) || x.nextStep !== UNKNOWN_CODE_NEXT_STEP || !x.meaning.startsWith(head))
    return;
  const message = messageOf(x.meaning.slice(head.length));
  if (message === null) return;
  return {
    title: x.code ? `未知错误 ${x.code}` : "未知错误（无错误码）",
    meaning: `RecDesk 无法识别${x.code ? `错误码 ${x.code}` : "此错误（无错误码）"}。${zhTencentSaid(message)}`,
    nextStep: ZH_UNKNOWN_CODE_NEXT_STEP,
  };
}

/**
 * The explanation with its title, meaning and next step in `locale` (same code, retryable, accountLevel and any
 * other field). English, `undefined`, and words RecDesk's catalog did not write come back unchanged.
 */
export function localizeExplanation<T extends LiveErrorExplanation | undefined>(explanation: T, locale: Locale): T {
  if (!explanation || locale !== "zh-CN") return explanation;
  const zh = zhTexts(explanation);
  return zh ? { ...explanation, title: zh.title, meaning: zh.meaning, nextStep: zh.nextStep } : explanation;
}
