// Why a record breaks the chain, as lib/audit/verify.ts says it in English (the wording the verification's own
// audit record keeps): matched here to a catalog key, so the page can say it in the reader's language.

export type VerifyProblemKey =
  | "noHash"
  | "unlinked"
  | "intentChanged"
  | "pendingWithOutcome"
  | "outcomeWithoutHash"
  | "outcomeChanged"
  | "pendingSealed"
  | "sealMismatch"
  | "keylessHead";

export interface VerifyProblemMessage {
  key: VerifyProblemKey;
  values: Record<string, string>;
}

const FIXED: Record<string, VerifyProblemKey> = {
  "has no hash (written outside the audit writer)": "noHash",
  "does not link to the record before it (a record was removed, inserted or its hash rewritten)": "unlinked",
  "its contents no longer match its hash (the intent was changed)": "intentChanged",
  "is pending but carries an outcome": "pendingWithOutcome",
  "has an outcome without an outcome hash": "outcomeWithoutHash",
  "its outcome no longer matches its outcome hash (the outcome was changed)": "outcomeChanged",
  "is the head of a chain that has no key-switch record although RECDESK_AUDIT_KEY is set (keyed records were removed or rewritten)":
    "keylessHead",
};

/** The catalog key of a problem, or null for wording this page does not know (then it is shown as it came). */
export function verifyProblemMessage(problem: string): VerifyProblemMessage | null {
  const fixed = FIXED[problem];
  if (fixed) return { key: fixed, values: {} };
  const sealed = /^is pending, but verification record (\d+) sealed its outcome$/.exec(problem);
  if (sealed) return { key: "pendingSealed", values: { sealId: sealed[1]! } };
  const mismatch =
    /^seals outcomes that no longer match: one written up to record (\d+) was changed and its outcome hash recomputed$/.exec(
      problem,
    );
  if (mismatch) return { key: "sealMismatch", values: { upToId: mismatch[1]! } };
  return null;
}
