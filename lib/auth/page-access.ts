import "server-only";
import type { AuthCheck } from "./actor";
import { requirePermission } from "./require";
import type { Permission } from "./roles";

type Allowed = Extract<AuthCheck, { ok: true }>;

/** What a refused page shows in its AccessDenied block: the code and why. */
export interface PageDenied {
  code: string;
  message: string;
}

/**
 * The permission check at the top of every console page: the signed-in person (with role and origin), or what
 * the page's AccessDenied block says. `hint` follows the refusal's message and names who may use the page.
 */
export async function pageAccess(
  permission: Permission,
  hint?: string,
): Promise<Allowed | { ok: false; denied: PageDenied }> {
  const auth = await requirePermission(permission);
  if (auth.ok) return auth;
  return { ok: false, denied: { code: auth.code, message: hint ? `${auth.message} ${hint}` : auth.message } };
}
