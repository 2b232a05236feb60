// How one catalog entry is written: its fields and the shared wording of the next steps.

export interface LiveErrorExplanation {
  code: string;
  title: string;
  meaning: string;
  nextStep: string;
  /** Whether trying the same call again later can succeed. */
  retryable: boolean;
  /** The whole account (or the credentials) is affected: a bulk job must pause instead of trying the next item. */
  accountLevel: boolean;
}

export type Entry = Omit<LiveErrorExplanation, "code">;

export const TRY_AGAIN =
  "Try again in a minute. If it keeps happening, contact Tencent Cloud support with the RequestId.";
export const FIX_CREDENTIALS =
  "An administrator must fix the Tencent Cloud API key in RecDesk's configuration (TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY).";

export function e(title: string, meaning: string, nextStep: string, retryable = false, accountLevel = false): Entry {
  return { title, meaning, nextStep, retryable, accountLevel };
}

export const internal = (what: string) =>
  e(
    "Tencent Cloud internal error",
    `Tencent Cloud had an internal problem (${what}). Nothing was wrong with the request.`,
    TRY_AGAIN,
    true,
  );
