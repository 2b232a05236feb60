import "server-only";
import type { Database } from "@/lib/db/types";
import type { Actor, AuthCheck, RequestOrigin } from "./actor";
import { can, isRole, type Permission } from "./roles";
import { findUserById } from "./users";
import { say } from "@/lib/validation/messages";

/** The signed-in, enabled user behind a session claim, with a role this build knows; otherwise null. */
export async function loadActor(db: Database, userId: string | null): Promise<Actor | null> {
  if (!userId) return null;
  const user = await findUserById(db, userId);
  if (!user || user.disabled || !isRole(user.role)) return null;
  return { userId: user.id, email: user.email, name: user.name, role: user.role };
}

/**
 * The decision behind requirePermission(): the database, not the cookie, says who the user is and what they
 * may do. Anything unexpected (no such user, a disabled one, an unknown role, a database error) refuses.
 */
export async function checkPermission(
  db: Database,
  userId: string | null,
  permission: Permission,
  origin: RequestOrigin,
): Promise<AuthCheck> {
  if (!userId) return { ok: false, code: "Unauthenticated", message: say("actions.auth.signIn"), origin };
  const user = await findUserById(db, userId);
  if (!user) return { ok: false, code: "Unauthenticated", message: say("actions.auth.sessionEnded"), origin };
  if (user.disabled) {
    // Refused like a signed-out visitor, but the refusal's audit record still says who tried.
    return {
      ok: false,
      code: "Unauthenticated",
      message: say("actions.auth.disabled"),
      actor: { userId: user.id, email: user.email, name: user.name },
      origin,
    };
  }
  const actor: Partial<Actor> = { userId: user.id, email: user.email, name: user.name };
  if (!isRole(user.role)) {
    return {
      ok: false,
      code: "Forbidden",
      message: say("actions.auth.noRole"),
      actor,
      origin,
    };
  }
  actor.role = user.role;
  if (!can(user.role, permission)) {
    return {
      ok: false,
      code: "Forbidden",
      message: say("actions.auth.forbidden", { role: user.role, permission }),
      actor,
      origin,
    };
  }
  return { ok: true, actor: actor as Actor, origin };
}
