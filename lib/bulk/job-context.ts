import { eq } from "drizzle-orm";
import type { AuditIntent } from "@/lib/audit";
import { bulkJobs } from "@/lib/db/schema/bulk";
import type { Database } from "@/lib/db/types";

/** Who asked for the job, from where and why: every item's audit record carries it. */
export interface JobContext {
  reason: string;
  actor: AuditIntent["actor"];
  clientIp?: string;
  userAgent?: string;
}

/** The worker's cache of job contexts, read once per job (and again after a resume in someone else's name). */
export function createJobContexts(db: Database) {
  const jobs = new Map<string, JobContext>();
  return {
    async get(jobId: string): Promise<JobContext> {
      let ctx = jobs.get(jobId);
      if (!ctx) {
        const [job] = await db.select().from(bulkJobs).where(eq(bulkJobs.id, jobId));
        const resumed = job?.resumedByEmail != null;
        ctx = {
          reason: job?.reason ?? "",
          actor: resumed
            ? { userId: job.resumedByUserId ?? undefined, email: job.resumedByEmail!, role: job.resumedByRole }
            : { userId: job?.createdByUserId ?? undefined, email: job?.createdByEmail, role: job?.createdByRole },
          clientIp: job?.clientIp ?? undefined,
          userAgent: job?.userAgent ?? undefined,
        };
        jobs.set(jobId, ctx);
      }
      return ctx;
    },
    cached: (jobId: string): JobContext | undefined => jobs.get(jobId),
    /** A resume in someone else's name changes who the job acts for: forget the cached identity. */
    forgetChangedActors(acting: Map<string, string>): void {
      for (const [jobId, email] of acting) if (jobs.get(jobId)?.actor.email !== email) jobs.delete(jobId);
    },
  };
}
