import { componentLogger } from "@/lib/observability/logger";
import type { BulkWorkerEvent } from "./worker-types";

/** The bulk worker's events as log lines: lease changes, pauses, recoveries, late answers and errors. */
export function logBulkEvent(e: BulkWorkerEvent): void {
  const log = componentLogger("bulk");
  switch (e.type) {
    case "lease":
      log.info(
        { event: "bulk.lease", acquired: e.acquired },
        e.acquired ? "took the bulk-stop lease" : "lost the bulk-stop lease",
      );
      return;
    case "released":
      log.info({ event: "bulk.lease", released: true }, "released the bulk-stop lease (shutdown)");
      return;
    case "error":
      log.error({ event: "bulk.error" }, e.message);
      return;
    case "paused":
      log.warn({ event: "bulk.paused", jobId: e.jobId, code: e.code }, `job ${e.jobId} paused: ${e.code}`);
      return;
    case "late-answer":
      log.warn(
        { event: "bulk.late-answer", auditId: e.auditId, lateAuditId: e.lateAuditId },
        `late answer to audit ${e.auditId} (lease lapsed meanwhile) recorded as audit ${e.lateAuditId}`,
      );
      return;
    case "recovered":
      if (e.report.neverSent + e.report.resend + e.report.completedFromAudit > 0)
        log.warn({ event: "bulk.recovered", report: e.report }, "recovered interrupted items");
      return;
    case "finished":
      log.info({ event: "bulk.finished", jobIds: e.jobIds }, `${e.jobIds.length} job(s) finished`);
      return;
  }
}
