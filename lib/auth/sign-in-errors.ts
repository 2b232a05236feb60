import type { SignInRefusal } from "./sign-in";
import { MAX_PASSWORD_LENGTH } from "./password";

/**
 * What the sign-in page says about a refused sign-in, as a key of the "signIn.errors" catalog namespace and its
 * values, so the page says it in the visitor's language. The audit record keeps lib/auth/sign-in.ts's English
 * (refusalMessage): data stays data. tests/i18n/sign-in-messages.test.ts checks both say the same in English.
 */
export interface SignInMessage {
  key: SignInErrorKey;
  values?: Record<string, string | number>;
}

export type SignInErrorKey =
  | "enterEmailAndPassword"
  | "invalid"
  | "throttled"
  | "throttledWait"
  | "disabled"
  | "noRole"
  | "noRoleSso"
  | "tooLong"
  | "demoPassword"
  | "ssoEmailTaken"
  | "ssoNoEmail"
  | "accessDenied"
  | "configuration"
  | "failed"
  | "incomplete";

/** The form's own refusals (the server action), in the words of refusalMessage. */
export function refusalSignInMessage(refusal: SignInRefusal, now = new Date()): SignInMessage {
  switch (refusal.reason) {
    case "invalid":
      return { key: "invalid" };
    case "throttled": {
      const seconds = Math.max(1, Math.ceil((refusal.retryAt.getTime() - now.getTime()) / 1000));
      return { key: "throttled", values: { seconds, time: refusal.retryAt.toISOString().slice(11, 19) } };
    }
    case "disabled":
      return { key: "disabled" };
    case "no-role":
      return { key: "noRole" };
    case "too-long":
      return { key: "tooLong", values: { max: MAX_PASSWORD_LENGTH } };
    case "demo-password":
      return { key: "demoPassword" };
  }
}

/**
 * For the `?error=` the sign-in page receives when Auth.js redirects back to it (a direct POST to the
 * credentials endpoint, or a single sign-on refusal); the form's own errors come from the server action.
 */
export function redirectSignInMessage(error: string | undefined, code?: string): SignInMessage | undefined {
  if (!error) return undefined;
  if (error === "CredentialsSignin") {
    if (code === "throttled") return { key: "throttledWait" };
    if (code === "disabled") return { key: "disabled" };
    if (code === "no-role") return { key: "noRoleSso" };
    if (code === "too-long") return { key: "tooLong", values: { max: MAX_PASSWORD_LENGTH } };
    if (code === "demo-password") return { key: "demoPassword" };
    return { key: "invalid" };
  }
  return SSO_MESSAGES[error] ? { key: SSO_MESSAGES[error] } : { key: "failed", values: { type: error.slice(0, 40) } };
}

const SSO_MESSAGES: Record<string, SignInErrorKey> = {
  Disabled: "disabled",
  NoRole: "noRoleSso",
  SsoEmailTaken: "ssoEmailTaken",
  SsoNoEmail: "ssoNoEmail",
  AccessDenied: "accessDenied",
  Configuration: "configuration",
};
