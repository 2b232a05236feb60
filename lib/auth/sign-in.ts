import "server-only";
import { recordableText } from "@/lib/validation/safe-text";
import { recordAudit, type AuditIntent } from "@/lib/audit";
import type { Database } from "@/lib/db/types";
import type { User } from "@/lib/db/schema/users";
import type { RequestOrigin } from "./actor";
import { isDemoPassword } from "./demo-password";
import { MAX_PASSWORD_LENGTH, verifyPassword } from "./password";
import { checkThrottle, clearAccountFailures, pruneSignInFailures, reserveAttempt, withdrawAttempt } from "./throttle";
import { findUserByEmail, normalizeEmail } from "./users";

export type SignInRefusal =
  | { reason: "invalid" }
  | { reason: "throttled"; retryAt: Date; retryAfterSeconds: number }
  | { reason: "disabled" }
  | { reason: "no-role" }
  | { reason: "too-long" }
  | { reason: "demo-password" };

export type PasswordSignIn =
  { ok: true; user: User & { role: NonNullable<User["role"]> } } | ({ ok: false } & SignInRefusal);

export const SIGN_IN_ERROR_CODES = {
  invalid: "InvalidCredentials",
  throttled: "Throttled",
  disabled: "Disabled",
  "no-role": "NoRole",
  "too-long": "PasswordTooLong",
  "demo-password": "DemoPassword",
} as const;

export interface SignInOptions {
  /** Demo mode is the only place the published demo password may open an account (checked on every sign-in). */
  demoMode?: boolean;
}

/**
 * The whole password sign-in decision, audited whatever the outcome: throttle first (so a throttled guess costs
 * no hashing and reveals nothing), then the password, then whether the account may be used at all. The password
 * is checked before "disabled" or "no role" is revealed, so those answers never confirm an account to a guesser.
 */
export async function authenticateWithPassword(
  db: Database,
  input: { email: string; password: string; origin: RequestOrigin },
  now = new Date(),
  options: SignInOptions = {},
): Promise<PasswordSignIn> {
  // Clipped by code point: .slice() could cut an emoji in half, and a lone surrogate never matches its audit hash.
  const email = recordableText(normalizeEmail(input.email), 254);
  const { origin } = input;
  // Before any throttle write or scrypt work: a megabyte "password" must cost nothing (every sign-in path
  // comes through here, the form and a direct POST to the Auth.js credentials callback alike).
  if (input.password.length > MAX_PASSWORD_LENGTH) {
    await audit(db, { email }, origin, { reason: "too-long" }, {}, now, "invalid");
    return { ok: false, reason: "too-long" };
  }
  const keys = { email, clientIp: origin.clientIp };
  // Closed already: refuse without writing anything. Otherwise this attempt takes its place in line first.
  const closed = await checkThrottle(db, keys, now);
  const attempt = closed.limited ? { ids: [], throttle: closed, delayMs: 0 } : await reserveAttempt(db, keys, now);
  const throttle = attempt.throttle;
  if (throttle.limited) {
    const refusal = {
      reason: "throttled",
      retryAt: throttle.retryAt,
      retryAfterSeconds: throttle.retryAfterSeconds,
    } as const;
    await audit(db, { email }, origin, refusal, { scope: throttle.scope }, now);
    return { ok: false, ...refusal };
  }
  // Failures for this account from many addresses slow every attempt down (never refuse it: lib/auth/throttle.ts).
  if (attempt.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, attempt.delayMs));
  const slowed = attempt.delayMs > 0 ? { slowedDownMs: attempt.delayMs } : {};
  const user = await findUserByEmail(db, email);
  const passwordOk = await verifyPassword(input.password, user?.passwordHash);
  if (!user || !passwordOk) {
    // The reserved attempt stays: it is this failure.
    await pruneSignInFailures(db, now);
    await audit(db, { email, userId: user?.id, role: user?.role }, origin, { reason: "invalid" }, slowed);
    return { ok: false, reason: "invalid" };
  }
  await withdrawAttempt(db, attempt.ids);
  const actor = { email, userId: user.id, role: user.role };
  if (!options.demoMode && isDemoPassword(input.password)) {
    // Right password, but a published one: outside demo mode it opens nothing, whatever start-up did or missed.
    await audit(db, actor, origin, { reason: "demo-password" });
    return { ok: false, reason: "demo-password" };
  }
  if (user.disabled) {
    await audit(db, actor, origin, { reason: "disabled" });
    return { ok: false, reason: "disabled" };
  }
  if (!user.role) {
    await audit(db, actor, origin, { reason: "no-role" });
    return { ok: false, reason: "no-role" };
  }
  await clearAccountFailures(db, keys);
  await recordAudit(db, signInIntent(actor, origin, slowed), { outcome: "ok" });
  return { ok: true, user: { ...user, role: user.role } };
}

/** Every password sign-in attempt's record: who it claims to be, from where, and how it was slowed down. */
function signInIntent(
  actor: { email: string; userId?: string; role?: string | null },
  origin: RequestOrigin,
  details: Record<string, unknown>,
): AuditIntent {
  return {
    actor,
    action: "auth.sign-in",
    clientIp: origin.clientIp,
    userAgent: origin.userAgent,
    details: { method: "password", ...details },
  };
}

async function audit(
  db: Database,
  actor: { email: string; userId?: string; role?: string | null },
  origin: RequestOrigin,
  refusal: SignInRefusal,
  details: Record<string, unknown> = {},
  now = new Date(),
  outcome: "denied" | "invalid" = "denied",
): Promise<void> {
  await recordAudit(db, signInIntent(actor, origin, details), {
    outcome,
    errorCode: SIGN_IN_ERROR_CODES[refusal.reason],
    errorMessage: refusalMessage(refusal, now),
  });
}

/** What the sign-in form says; the same words for an unknown account and a wrong password. */
export function refusalMessage(refusal: SignInRefusal, now = new Date()): string {
  switch (refusal.reason) {
    case "invalid":
      return "That email and password do not match an account. Check both and try again.";
    case "throttled": {
      const seconds = Math.max(1, Math.ceil((refusal.retryAt.getTime() - now.getTime()) / 1000));
      return `Too many failed sign-ins for this account or from this address. Try again in ${seconds} s (at ${refusal.retryAt.toISOString().slice(11, 19)} UTC).`;
    }
    case "disabled":
      return "This account is disabled. Ask a RecDesk admin to enable it.";
    case "no-role":
      return "This account has no role yet. Ask a RecDesk admin to grant one.";
    case "too-long":
      return `That password is too long: passwords have at most ${MAX_PASSWORD_LENGTH} characters.`;
    case "demo-password":
      return "This account still has the published demo password, which works only in demo mode. Ask a RecDesk admin to set a new password.";
  }
}
