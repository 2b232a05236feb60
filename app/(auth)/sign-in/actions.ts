"use server";

import { AuthError } from "next-auth";
import { getTranslations } from "next-intl/server";
import { actionFailure, formValues, type ActionResult } from "@/lib/action-result";
import { recordAudit } from "@/lib/audit";
import { signIn, SignInRefused } from "@/lib/auth/auth";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { requestOrigin } from "@/lib/auth/require";
import { SIGN_IN_ERROR_CODES } from "@/lib/auth/sign-in";
import { refusalSignInMessage } from "@/lib/auth/sign-in-errors";
import { signInFieldErrors } from "@/lib/auth/sign-in-field-errors";
import { getDb } from "@/lib/db";
import { SignInCredentialsSchema } from "@/lib/auth/sign-in-input";
import { recordableText } from "@/lib/validation/safe-text";

/**
 * Public by design (it is how a person gets a session). Throttling, the password check and the audit record
 * happen inside the credentials provider, so a direct POST to /api/auth/callback/credentials gets the same.
 */
export async function signInAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const typed = formValues(formData);
  const email = typed.email ?? "";
  const values = { email };
  const parsed = SignInCredentialsSchema.safeParse({ email, password: typed.password });
  // In the visitor's language; audit records keep English (lib/auth/sign-in.ts).
  const t = await getTranslations("signIn");
  if (!parsed.success) {
    const origin = await requestOrigin();
    await recordAudit(
      await getDb(),
      {
        actor: { email: recordableText(email.trim(), 254) || undefined },
        action: "auth.sign-in",
        clientIp: origin.clientIp,
        userAgent: origin.userAgent,
        details: { method: "password" },
      },
      { outcome: "invalid", errorCode: "InvalidInput" },
    );
    return actionFailure("InvalidInput", t("errors.enterEmailAndPassword"), {
      fieldErrors: signInFieldErrors(parsed.error, { email, password: typed.password }, (key, values) =>
        t(`fields.${key}`, values),
      ),
      values,
    });
  }
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeCallbackUrl(typed.callbackUrl),
    });
  } catch (err) {
    if (err instanceof SignInRefused) {
      const { key, values: params } = refusalSignInMessage(err.refusal);
      const message = t(`errors.${key}`, params);
      const fieldErrors = err.refusal.reason === "too-long" ? { password: [message] } : undefined;
      return actionFailure(SIGN_IN_ERROR_CODES[err.refusal.reason], message, { values, fieldErrors });
    }
    if (err instanceof AuthError) {
      return actionFailure(err.type, t("errors.failed", { type: err.type }), { values });
    }
    throw err; // NEXT_REDIRECT: signed in
  }
  return actionFailure("SignInFailed", t("errors.incomplete"), { values });
}

/** Starts single sign-on (only offered when AUTH_OIDC_* is configured). */
export async function signInWithSsoAction(formData: FormData): Promise<void> {
  await signIn("oidc", { redirectTo: safeCallbackUrl(formValues(formData).callbackUrl) });
}
