import type { Database } from "@/lib/db/types";
import type { AuthCheck, Actor, RequestOrigin } from "@/lib/auth/actor";
import type { AuditAction, AuditIntent, AuditTarget } from "./types";
import { recordAudit } from "./write";

type Refused = Extract<AuthCheck, { ok: false }>;

/** Who did it and from where, as the audit trail keeps it (role at the time of the act). */
export function auditWho(
  actor: Partial<Actor> | undefined,
  origin: RequestOrigin,
): Pick<AuditIntent, "actor" | "clientIp" | "userAgent"> {
  return {
    actor: { userId: actor?.userId, email: actor?.email, role: actor?.role ?? null },
    clientIp: origin.clientIp,
    userAgent: origin.userAgent,
  };
}

/** What a refused or invalid attempt's record says was tried, from untrusted input (clipped by the caller). */
export type Attempt = Pick<AuditIntent, "target" | "reason" | "details" | "jobId">;

/** Records an attempt the permission check refused (outcome `denied`, code Unauthenticated/Forbidden). */
export function recordDenied(
  db: Database,
  check: Refused,
  action: AuditAction,
  attempt: Attempt = {},
): Promise<number> {
  return recordAudit(
    db,
    { ...auditWho(check.actor, check.origin), action, ...attempt },
    { outcome: "denied", errorCode: check.code, errorMessage: check.message },
  );
}

/** Records an attempt refused for bad input (outcome `invalid`, code InvalidInput, the field errors kept). */
export function recordInvalid(
  db: Database,
  who: { actor: Actor; origin: RequestOrigin },
  action: AuditAction,
  fieldErrors: Record<string, string[]>,
  extra: { target?: AuditTarget; details?: Record<string, unknown> } = {},
): Promise<number> {
  return recordAudit(
    db,
    { ...auditWho(who.actor, who.origin), action, target: extra.target, details: extra.details },
    { outcome: "invalid", errorCode: "InvalidInput", errorMessage: "The input was refused", details: { fieldErrors } },
  );
}
