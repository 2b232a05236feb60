import "server-only";
import { headers } from "next/headers";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import type { AuthCheck, Actor, RequestOrigin } from "./actor";
import { checkPermission, loadActor } from "./authorize";
import { originFromHeaders } from "./origin";
import type { Permission } from "./roles";
import { sessionUserId } from "./session";
import { componentLogger } from "@/lib/observability/logger";
import { say } from "@/lib/validation/messages";

export async function requestOrigin(): Promise<RequestOrigin> {
  return originFromHeaders(await headers(), getConfig().trustedProxyHops);
}

/** Who is signed in, re-read from the database (null when anonymous, disabled or without a role). For pages. */
export async function currentActor(): Promise<Actor | null> {
  try {
    return await loadActor(await getDb(), await sessionUserId());
  } catch (err) {
    if (isNextSignal(err)) throw err;
    return null;
  }
}

/**
 * The gate at the top of every server action and route handler. Loads the user on every call, so disabling an
 * account or changing a role takes effect on the next request; fails closed on any error.
 */
export async function requirePermission(permission: Permission): Promise<AuthCheck> {
  let origin: RequestOrigin = {};
  try {
    origin = await requestOrigin();
    return await checkPermission(await getDb(), await sessionUserId(), permission, origin);
  } catch (err) {
    if (isNextSignal(err)) throw err;
    componentLogger("auth").error(
      { event: "auth.check-failed", permission },
      `permission check for ${permission} failed closed: ${(err as Error).message}`,
    );
    return {
      ok: false,
      code: "Forbidden",
      message: say("actions.auth.checkFailed"),
      origin,
    };
  }
}

// Next signals dynamic rendering and redirects by throwing; those must pass through untouched.
function isNextSignal(err: unknown): boolean {
  const digest = (err as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && (digest.startsWith("NEXT_") || digest === "DYNAMIC_SERVER_USAGE");
}
