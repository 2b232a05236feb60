import "server-only";
import { answerLocale, localizeText } from "@/lib/actions/localize";
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
 * the page's AccessDenied block says, in the request's language. `hint` follows the refusal's message and names
 * who may use the page (a page passes it already in the reader's language).
 */
export async function pageAccess(
  permission: Permission,
  hint?: string,
): Promise<Allowed | { ok: false; denied: PageDenied }> {
  const auth = await requirePermission(permission);
  if (auth.ok) return auth;
  const message = await localizeText(auth.message, await answerLocale());
  return { ok: false, denied: { code: auth.code, message: hint ? `${message} ${hint}` : message } };
}
