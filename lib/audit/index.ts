export { beginAudit, finishAudit, recordAudit } from "./write";
export type { AuditAction, AuditIntent, AuditResult, AuditTarget, AuditActorRef } from "./types";
export { AUDIT_ACTIONS } from "./types";
