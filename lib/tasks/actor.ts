import type { AuditIntent } from "@/lib/audit/types";
import { recordableText } from "@/lib/validation/safe-text";

/** Who is acting and from where: the part of an audit intent that the task flows pass through unchanged. */
export interface TaskActionContext {
  actor: { userId?: string; email?: string; role?: string | null };
  origin?: { clientIp?: string; userAgent?: string };
  /** Set when a bulk job drives the flow. */
  jobId?: string;
}

export function intentBase(ctx: TaskActionContext): Pick<AuditIntent, "actor" | "clientIp" | "userAgent" | "jobId"> {
  return {
    actor: { userId: ctx.actor.userId, email: ctx.actor.email, role: ctx.actor.role ?? null },
    clientIp: ctx.origin?.clientIp,
    userAgent: ctx.origin?.userAgent,
    jobId: ctx.jobId,
  };
}

/**
 * Target fields from untrusted input, as an invalid attempt's record keeps them: clipped by code point so a
 * hostile value cannot bloat the trail (nor be cut inside an emoji), refused characters replaced.
 */
export function clip(v: unknown, max = 300): string | undefined {
  return typeof v === "string" && v.length > 0 ? recordableText(v, max) : undefined;
}
