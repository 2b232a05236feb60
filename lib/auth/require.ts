import "server-only";
import { headers } from "next/headers";
import type { AuthCheck, Actor, RequestOrigin } from "./actor";
import type { Permission } from "./roles";

// TEMPORARY placeholder until issue 4 (sign-in) lands: everyone is a demo admin.
// The auth work replaces this file, keeping these exported signatures.

export async function requestOrigin(): Promise<RequestOrigin> {
  const h = await headers();
  return {
    clientIp: h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || undefined,
    userAgent: h.get("user-agent") ?? undefined,
  };
}

export async function currentActor(): Promise<Actor | null> {
  return { userId: "00000000-0000-0000-0000-000000000000", email: "admin@recdesk.local", name: "Demo admin", role: "admin" };
}

/** The gate at the top of every server action and route handler. */
export async function requirePermission(permission: Permission): Promise<AuthCheck> {
  void permission;
  const actor = await currentActor();
  const origin = await requestOrigin();
  if (!actor) return { ok: false, code: "Unauthenticated", message: "Sign in to continue.", origin };
  return { ok: true, actor, origin };
}
