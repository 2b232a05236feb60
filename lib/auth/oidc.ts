import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/types";
import { users, type User } from "@/lib/db/schema/users";
import { isRole } from "./roles";
import { normalizeEmail } from "./users";

export interface OidcIdentity {
  subject: string;
  email?: string | null;
  emailVerified?: boolean;
  name?: string | null;
  claims: Record<string, unknown>;
}

/** The first valid role named by the configured claim (a string, or an array such as groups). */
export function roleFromClaim(claims: Record<string, unknown>, claim: string | undefined) {
  if (!claim) return null;
  const value = claims[claim];
  const candidates = Array.isArray(value) ? value : [value];
  return candidates.find(isRole) ?? null;
}

export type OidcProvisioning =
  { ok: true; user: User; created: boolean } | { ok: false; reason: "no-email" | "email-taken" };

/**
 * Finds or creates the RecDesk user behind an SSO identity. A new user gets no role (an admin grants one) unless
 * AUTH_OIDC_ROLE_CLAIM names a claim carrying a valid role; afterwards the role is managed in RecDesk only.
 * An existing password account is linked only when the provider vouches for the email, otherwise anyone who
 * can set an arbitrary email at the provider could take it over.
 */
export async function provisionOidcUser(
  db: Database,
  identity: OidcIdentity,
  roleClaim?: string,
): Promise<OidcProvisioning> {
  const [bySubject] = await db.select().from(users).where(eq(users.oidcSubject, identity.subject));
  if (bySubject) return { ok: true, user: bySubject, created: false };
  if (!identity.email) return { ok: false, reason: "no-email" };
  const email = normalizeEmail(identity.email);
  const [byEmail] = await db.select().from(users).where(eq(users.email, email));
  if (byEmail) {
    if (byEmail.oidcSubject || identity.emailVerified !== true) return { ok: false, reason: "email-taken" };
    const [linked] = await db
      .update(users)
      .set({ oidcSubject: identity.subject, updatedAt: sql`now()` })
      .where(eq(users.id, byEmail.id))
      .returning();
    return { ok: true, user: linked!, created: false };
  }
  const [created] = await db
    .insert(users)
    .values({
      email,
      name: identity.name?.trim() || email,
      role: roleFromClaim(identity.claims, roleClaim),
      oidcSubject: identity.subject,
    })
    .onConflictDoNothing()
    .returning();
  if (!created) return provisionOidcUser(db, identity, roleClaim); // a concurrent first sign-in won the race
  return { ok: true, user: created, created: true };
}
