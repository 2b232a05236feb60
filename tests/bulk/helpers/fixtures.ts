import { sql } from "drizzle-orm";
import { recordingTasks } from "@/lib/db/schema/tasks";
import type { Database } from "@/lib/db/types";
import type { SimTask } from "@/lib/tencent-live/types";

/** Puts the simulator's tasks into the registry, as demo mode's seed does, so outcomes land on real rows. */
export async function registerSimTasks(db: Database, tasks: SimTask[]): Promise<void> {
  for (let i = 0; i < tasks.length; i += 500) {
    await db
      .insert(recordingTasks)
      .values(
        tasks.slice(i, i + 500).map((t) => ({
          taskId: t.taskId,
          streamName: t.streamName,
          appName: t.appName,
          domainName: t.domainName,
          state: "recording" as const,
          startTime: new Date(t.startTime),
          source: "seeded" as const,
        })),
      )
      .onConflictDoNothing();
  }
}

export async function itemStates(db: Database, jobId: string): Promise<Record<string, number>> {
  const r = await db.execute(
    sql`select state, count(*)::int as n from bulk_items where job_id = ${jobId}::uuid group by state`,
  );
  return Object.fromEntries((r.rows as { state: string; n: number }[]).map((x) => [x.state, x.n]));
}

export async function jobState(db: Database, jobId: string): Promise<string | undefined> {
  const r = await db.execute(sql`select state from bulk_jobs where id = ${jobId}::uuid`);
  return (r.rows[0] as { state: string } | undefined)?.state;
}

/** Polls until `check` is true (or throws after `timeoutMs`); no timing assertions, only a generous bound. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs = 60_000, everyMs = 50): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Audit rows of a job: one per item send, with their outcomes. */
export async function jobAudit(
  db: Database,
  jobId: string,
): Promise<
  { task_id: string; outcome: string; request_id: string | null; error_code: string | null; reason: string | null }[]
> {
  const r = await db.execute(
    sql`select task_id, outcome, request_id, error_code, reason from audit_records where job_id = ${jobId}::uuid and action = 'task.stop' order by id`,
  );
  return r.rows as never;
}
