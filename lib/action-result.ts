import type { LiveErrorExplanation } from "@/lib/tencent-live/errors";

export type { LiveErrorExplanation };

/**
 * What every server action returns. Expected failures (refused, invalid input, upstream error) are values, not
 * throws, so the form that called the action can show them next to what the user typed.
 */
export type ActionResult<T = object> =
  | ({ ok: true; requestId?: string } & T)
  | {
      ok: false;
      code: string;
      message: string;
      requestId?: string;
      fieldErrors?: Record<string, string[]>;
      explanation?: LiveErrorExplanation;
      /** What the user typed, echoed back so the form can keep it. */
      values?: Record<string, string>;
    };

export type ActionFailure = Extract<ActionResult, { ok: false }>;

export function actionFailure(
  code: string,
  message: string,
  extra: Omit<ActionFailure, "ok" | "code" | "message"> = {},
): ActionFailure {
  return { ok: false, code, message, ...extra };
}

/** Turns FormData into plain strings (files dropped) so an invalid form can be re-filled with what was typed. */
export function formValues(formData: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  // A hand-made request can call a form action with anything as its argument: that is empty input, not a crash.
  if (!(formData instanceof FormData)) return values;
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$ACTION")) values[key] = value;
  }
  return values;
}
