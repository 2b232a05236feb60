import type { AuditOutcome } from "@/lib/db/schema/audit";

export const AUDIT_ACTIONS = [
  "task.stop",
  "task.start",
  "task.register",
  "task.correct",
  "task.delete",
  "bulk.create",
  "bulk.cancel",
  "bulk.retry",
  "auth.sign-in",
  "auth.sign-out",
  "user.create",
  "user.update",
  "audit.export",
  "audit.verify",
  "audit.key",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditActorRef {
  userId?: string;
  email?: string;
  role?: string | null;
}

export interface AuditTarget {
  domainName?: string;
  appName?: string;
  streamName?: string;
  taskId?: string;
}

/** What is about to be attempted: committed before any upstream call. */
export interface AuditIntent {
  actor: AuditActorRef;
  action: AuditAction;
  target?: AuditTarget;
  reason?: string;
  jobId?: string;
  clientIp?: string;
  userAgent?: string;
  details?: Record<string, unknown>;
}

/** How it ended: written once onto the intent. */
export interface AuditResult {
  outcome: Exclude<AuditOutcome, "pending">;
  requestId?: string;
  errorCode?: string;
  errorMessage?: string;
  latencyMs?: number;
  details?: Record<string, unknown>;
}
