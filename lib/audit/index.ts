export { beginAudit, beginAudits, recordAudit } from "./write";
export { finishAudit, finishAudits } from "./finish";
export type { AuditAction, AuditIntent } from "./types";
