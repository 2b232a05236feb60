import "server-only";
import type { Database } from "@/lib/db/types";
import type { User } from "@/lib/db/schema/users";
import { findUserById } from "./users";

export type SessionTokenCheck =
  /** The cookie is current and the account may be used. */
  | { state: "active"; user: User & { role: NonNullable<User["role"]> } }
  /** Current, but the account is disabled, has no role, or is gone: signed out, the claim kept for the audit. */
  | { state: "refused"; claimedUserId?: string }
  /** Issued before a sign-out, password reset, disabling or role change: worth nothing, not even as a claim. */
  | { state: "revoked" };

/**
 * What a session cookie is worth right now, from one indexed read of the user row (the primary key) — made for
 * every page, server action and route handler that reads the session (auth.ts, session callback). A cookie is
 * revoked when the row's session version moved on since it was issued; a cookie without one predates them.
 */
export async function checkSessionToken(
  db: Database,
  token: { sub?: string | null; sessionVersion?: unknown },
): Promise<SessionTokenCheck> {
  const user = token.sub ? await findUserById(db, token.sub) : undefined;
  if (user && token.sessionVersion !== user.sessionVersion) return { state: "revoked" };
  if (!user || user.disabled || !user.role) return { state: "refused", claimedUserId: user?.id };
  return { state: "active", user: { ...user, role: user.role } };
}
