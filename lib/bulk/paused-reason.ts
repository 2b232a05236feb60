// Why a job paused, read back from the English sentence the job stores (data stays data: the stored reason, the
// audit records and the logs keep it in English), so the job page can say it again in the reader's language.
import { ACTOR_DISABLED_CODE, type BulkItemView, type BulkJobView } from "./types";

export type PausedReason =
  /** The account the job sends its Stops for was disabled (lib/bulk/job-actor.ts, actorDisabledReason). */
  | { kind: "actor-disabled"; code: string; email: string }
  /** Tencent answered with an account-level error (lib/bulk/pause-rule.ts): "Code: Title. Next step". */
  | { kind: "live-error"; code: string; text: string }
  /** Anything else is shown as stored. */
  | { kind: "other"; text: string };

const ACTOR_PREFIX = `${ACTOR_DISABLED_CODE}: `;
const ACTOR_SUFFIX = ", in whose name this job sends its Stops";
const LIVE_CODE = /^([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*): /;

export function parsePausedReason(reason: string): PausedReason {
  if (reason.startsWith(ACTOR_PREFIX)) {
    const end = reason.indexOf(ACTOR_SUFFIX, ACTOR_PREFIX.length);
    if (end > ACTOR_PREFIX.length)
      return { kind: "actor-disabled", code: ACTOR_DISABLED_CODE, email: reason.slice(ACTOR_PREFIX.length, end) };
    return { kind: "other", text: reason };
  }
  const code = LIVE_CODE.exec(reason)?.[1];
  return code ? { kind: "live-error", code, text: reason } : { kind: "other", text: reason };
}

/** The Tencent codes the job page explains: its items' errors, and the one that paused the job. */
export function explainedCodes(job: Pick<BulkJobView, "pausedReason">, items: Pick<BulkItemView, "errorCode">[]) {
  const codes = new Set(items.map((i) => i.errorCode).filter((c): c is string => Boolean(c)));
  const paused = job.pausedReason ? parsePausedReason(job.pausedReason) : null;
  if (paused?.kind === "live-error") codes.add(paused.code);
  return [...codes];
}
