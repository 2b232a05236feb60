import type { AuditAction } from "@/lib/audit/types";
import type { Permission } from "@/lib/auth/roles";

/**
 * Every server action defined with lib/actions/define-action.ts, by exported name. The authorization matrix test
 * reads it, so an action cannot escape the matrix by being inline or default-exported; `handled` counts the calls
 * that reached the action's handler (past the permission check and the schema), which the matrix also checks.
 */
/** Any action signature: only the function's identity matters here. */
type AnyAction = (...args: never[]) => unknown;

export const ACTION_REGISTRY = new Map<
  string,
  { permission: Permission; audit: AuditAction; action: AnyAction; handled: number }
>();
