/**
 * Messages for the `?error=` the sign-in page receives when Auth.js redirects back to it (a direct POST to the
 * credentials endpoint, or a single sign-on refusal); the form's own errors come from the server action.
 */
export function signInErrorMessage(error: string | undefined, code?: string): string | undefined {
  if (!error) return undefined;
  if (error === "CredentialsSignin") {
    if (code === "throttled")
      return "Too many failed sign-ins for this account or from this address. Wait a minute, then try again.";
    if (code === "disabled") return SSO_MESSAGES.Disabled;
    if (code === "no-role") return SSO_MESSAGES.NoRole;
    if (code === "too-long") return "That password is too long: passwords have at most 256 characters.";
    if (code === "demo-password")
      return "This account still has the published demo password, which works only in demo mode. Ask a RecDesk admin to set a new password.";
    return "That email and password do not match an account. Check both and try again.";
  }
  return (
    SSO_MESSAGES[error] ??
    `Sign-in failed (${error.slice(0, 40)}). Try again; if it keeps failing, tell your RecDesk admin.`
  );
}

const SSO_MESSAGES: Record<string, string> = {
  Disabled: "This account is disabled. Ask a RecDesk admin to enable it.",
  NoRole: "You are registered, but your account has no role yet. Ask a RecDesk admin to grant one, then sign in again.",
  SsoEmailTaken:
    "A RecDesk account with your email already exists and is not linked to single sign-on. Ask a RecDesk admin.",
  SsoNoEmail:
    "Your single sign-on provider did not share an email address, which RecDesk needs. Ask your identity admin.",
  AccessDenied: "Access was refused. Ask a RecDesk admin if you should have access.",
  Configuration: "Sign-in is not configured correctly on this server. Tell your RecDesk admin.",
};
