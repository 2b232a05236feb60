export { beginAudit, beginAudits, finishAudit, finishAudits, recordAudit, AuditAlreadyFinishedError } from "./write";
export { recordDenied, recordInvalid, auditWho } from "./refusal";
export type { AuditAction, AuditIntent, AuditResult, AuditTarget, AuditActorRef } from "./types";
export { AUDIT_ACTIONS } from "./types";
