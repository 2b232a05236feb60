import "server-only";
import { auth } from "./auth";

/**
 * The user id the session cookie claims, or null. Only a claim: requirePermission() and currentActor() load the
 * user row behind it on every call. Kept in its own module so tests can stand in for a signed-in person.
 */
export async function sessionUserId(): Promise<string | null> {
  const session = (await auth()) as { user?: { id?: string }; claimedUserId?: string } | null;
  return session?.user?.id ?? session?.claimedUserId ?? null;
}
