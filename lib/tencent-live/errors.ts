// The error catalog: every code RecDesk can meet at the Live API edge, in plain words, with what the
// person in front of the screen should do next. Sources: the StopLiveRecord/CreateLiveRecord/
// DeleteLiveRecord/DescribeLiveStream*/DescribeLiveDomains error lists and the API 3.0 common codes
// (shared/reference/tencent-live-api.md §1.1–1.13, §2.3), plus the codes this client makes up for
// failures that never reached Tencent (RecDesk.*). This English is the data: audit records, logs and CSV keep it.
// Pages show it in the reader's language through lib/i18n/live-errors.ts (the Chinese: error-catalog/zh-cn-*.ts).

import { type Entry, type LiveErrorExplanation } from "./error-catalog/entry";
import { RECDESK_CODES } from "./error-catalog/recdesk-codes";
import { RECORD_TASK_CODES } from "./error-catalog/record-task-codes";
import { REQUEST_CODES } from "./error-catalog/request-codes";
import { SERVICE_CODES } from "./error-catalog/service-codes";
import type { LiveAction } from "./types";

export type { LiveErrorExplanation };

const CATALOG: Record<string, Entry> = { ...SERVICE_CODES, ...REQUEST_CODES, ...RECDESK_CODES };

/**
 * Retry, pause or show: everything a caller needs to know about an error code. Never throws. With the action,
 * a RecordTask action's own reading of a code comes first (its InvalidParameter is "no such task" on Stop).
 */
export function explainLiveError(code: string, message?: string, action?: LiveAction): LiveErrorExplanation {
  const byAction =
    action && action in RECORD_TASK_CODES ? RECORD_TASK_CODES[action as keyof typeof RECORD_TASK_CODES] : undefined;
  const known = byAction?.[code] ?? CATALOG[code];
  if (known) return { code, ...known };
  // A sub-code we have never seen still belongs to a family we know (RequestLimitExceeded.Foo is a rate limit).
  const family = liveErrorFamily(code);
  if (family) {
    return { code, ...family, meaning: `${family.meaning} (code ${code}).${tencentSaid(message)}` };
  }
  return {
    code,
    title: unexpectedErrorTitle(code),
    meaning: `${unknownCodeSentence(code)}${tencentSaid(message)}`,
    nextStep: UNKNOWN_CODE_NEXT_STEP,
    retryable: false,
    accountLevel: false,
  };
}

// The wording of the two fallbacks, exported so lib/i18n/live-errors.ts can recognise them and say them in Chinese.

/** The catalog entry of a code's family (the part before the first "."), if the code itself is not in it. */
export function liveErrorFamily(code: string): Entry | undefined {
  return code.includes(".") && !CATALOG[code] ? CATALOG[code.slice(0, code.indexOf("."))] : undefined;
}
export const tencentSaid = (message?: string) => (message ? ` Tencent Cloud said: "${message}".` : "");
export const unexpectedErrorTitle = (code: string) => `Unexpected error ${code || "(no code)"}`;
export const unknownCodeSentence = (code: string) => `RecDesk does not know the error code ${code || "(none)"}.`;
export const UNKNOWN_CODE_NEXT_STEP =
  "Try again later; if it keeps happening, send the code, message and RequestId to the RecDesk team.";

/** The general catalog (without the RecordTask actions' own readings), for the Chinese explanations. */
export const LIVE_ERROR_CATALOG: Readonly<Record<string, Entry>> = CATALOG;

/** Every code the catalog explains, for tests and for an error reference page. */
export const KNOWN_LIVE_ERROR_CODES: readonly string[] = Object.keys(CATALOG);

/** Codes that say "this second is full": the client retries these with back-off. */
export function isRateLimitCode(code: string): boolean {
  return code === "RequestLimitExceeded" || code.startsWith("RequestLimitExceeded.");
}
