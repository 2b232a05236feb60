import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db/types";
import { clipText } from "@/lib/text/well-formed";
import { ACTOR_DISABLED_CODE } from "./types";
import { say } from "@/lib/validation/messages";

export type JobControlResult =
  | { ok: true; affected: number; resumedInNameOf?: string }
  | { ok: false; code: "NotFound" | "InvalidState"; message: string };

/** Stops the job from sending further items: the rest stay pending until someone retries (which resumes). */
export async function pauseJob(db: Database, jobId: string, reason: string): Promise<boolean> {
  const r = await db.execute(sql`
    update bulk_jobs set state = 'paused', paused_reason = ${clipText(reason, 2_000)}
    where id = ${jobId}::uuid and state = 'running' returning id`);
  return r.rows.length === 1;
}

/**
 * Pending items become `cancelled` and are never sent. Items already in flight (state `sending`) finish
 * normally: their Stop may already be on the wire, and its outcome must still be recorded.
 */
export async function cancelJob(db: Database, jobId: string): Promise<JobControlResult> {
  return db.transaction(async (tx) => {
    const job = await tx.execute(sql`select state from bulk_jobs where id = ${jobId}::uuid for update`);
    const state = (job.rows[0] as { state: string } | undefined)?.state;
    if (!state) return { ok: false, code: "NotFound", message: say("actions.bulk.jobNotFound") } as const;
    if (state !== "running" && state !== "paused") {
      return {
        ok: false,
        code: "InvalidState",
        message: say("actions.bulk.alreadyFinished", { state }),
      } as const;
    }
    const items = await tx.execute(sql`
      update bulk_items set state = 'cancelled', finished_at = now()
      where job_id = ${jobId}::uuid and state = 'pending' returning id`);
    await tx.execute(sql`
      update bulk_jobs set state = 'cancelled', paused_reason = null,
        finished_at = case when exists (select 1 from bulk_items where job_id = ${jobId}::uuid and state = 'sending') then null else now() end
      where id = ${jobId}::uuid`);
    return { ok: true, affected: items.rows.length } as const;
  });
}

/** Who presses Retry failed and resume: a job paused because its actor was disabled continues in their name. */
export interface Resumer {
  userId?: string;
  email: string;
  role?: string | null;
}

/**
 * Failed items go back to pending (with a fresh audit record on their next send) and the job runs again;
 * this is also how a job paused by an account-level error resumes once the account is fixed. A job paused
 * because the person it acted for was disabled resumes only with a resumer, in whose name it then acts.
 */
export async function retryFailed(db: Database, jobId: string, resumer?: Resumer): Promise<JobControlResult> {
  return db.transaction(async (tx) => {
    const job = await tx.execute(sql`select state, paused_reason from bulk_jobs where id = ${jobId}::uuid for update`);
    const row = job.rows[0] as { state: string; paused_reason: string | null } | undefined;
    const state = row?.state;
    const actorWasDisabled = state === "paused" && (row?.paused_reason ?? "").startsWith(ACTOR_DISABLED_CODE);
    if (actorWasDisabled && !resumer) {
      return {
        ok: false,
        code: "InvalidState",
        message: say("actions.bulk.actorDisabled"),
      } as const;
    }
    if (!state) return { ok: false, code: "NotFound", message: say("actions.bulk.jobNotFound") } as const;
    if (state === "cancelled") {
      return {
        ok: false,
        code: "InvalidState",
        message: say("actions.bulk.cancelledNoRetry"),
      } as const;
    }
    const items = await tx.execute(sql`
      update bulk_items set state = 'pending', claimed_by = null, claimed_at = null, finished_at = null,
        request_id = null, error_code = null, error_message = null, audit_id = null
      where job_id = ${jobId}::uuid and state = 'failed' returning id`);
    const pending = await tx.execute(
      sql`select 1 from bulk_items where job_id = ${jobId}::uuid and state in ('pending', 'sending') limit 1`,
    );
    if (items.rows.length === 0 && pending.rows.length === 0) {
      return { ok: false, code: "InvalidState", message: say("actions.bulk.noFailedItems") } as const;
    }
    if (actorWasDisabled && resumer) {
      await tx.execute(sql`
        update bulk_jobs set resumed_by_user_id = ${resumer.userId ?? null}::uuid, resumed_by_email = ${resumer.email}, resumed_by_role = ${resumer.role ?? null}
        where id = ${jobId}::uuid`);
    }
    await tx.execute(
      sql`update bulk_jobs set state = 'running', paused_reason = null, finished_at = null where id = ${jobId}::uuid`,
    );
    return actorWasDisabled
      ? ({ ok: true, affected: items.rows.length, resumedInNameOf: resumer!.email } as const)
      : ({ ok: true, affected: items.rows.length } as const);
  });
}
