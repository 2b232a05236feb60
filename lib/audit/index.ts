export { beginAudit, beginAudits, finishAudit, finishAudits, recordAudit } from "./write";
export type { AuditAction, AuditIntent } from "./types";
