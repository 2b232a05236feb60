import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db/types";
import { ACTOR_DISABLED_CODE } from "./types";

/** Who a job's Stops are sent and audited for: whoever resumed it in their own name, else its creator. */
export interface JobActing {
  jobId: string;
  userId: string | null;
  email: string;
  /** The account exists and is disabled: nothing more may be sent in its name. */
  disabled: boolean;
}

/**
 * Read for every claimed batch (one query), so disabling an account stops its running jobs within a batch,
 * on whichever instance holds the lease, without the worker caching an identity that is no longer allowed.
 */
export async function actingForJobs(db: Database, jobIds: string[]): Promise<Map<string, JobActing>> {
  if (jobIds.length === 0) return new Map();
  const r = await db.execute(sql`
    select j.id, coalesce(j.resumed_by_user_id, j.created_by_user_id) as user_id,
      coalesce(j.resumed_by_email, j.created_by_email) as email, coalesce(u.disabled, false) as disabled
    from bulk_jobs j left join users u on u.id = coalesce(j.resumed_by_user_id, j.created_by_user_id)
    where j.id in (${sql.join(
      jobIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`);
  const rows = r.rows as { id: string; user_id: string | null; email: string; disabled: boolean }[];
  return new Map(
    rows.map((x) => [x.id, { jobId: x.id, userId: x.user_id, email: x.email, disabled: x.disabled === true }]),
  );
}

export function actorDisabledReason(email: string): string {
  return `${ACTOR_DISABLED_CODE}: ${email}, in whose name this job sends its Stops, was disabled, so it sends nothing more. An on-call engineer or admin can resume it with Retry failed and resume; its remaining Stops are then sent and audited in their name.`;
}
