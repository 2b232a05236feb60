import { eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/types";
import { recordingTasks, type RecordingTask } from "@/lib/db/schema/tasks";
import type { TaskState } from "./definitions";
import { clipOptional } from "@/lib/text/well-formed";
import { familyOfTaskId, type TaskFamily } from "./task-family";

// Writes to the registry's rows: adding a task and remembering what was last done to it (one row or a batch).

export interface NewTaskRow {
  taskId: string;
  streamName: string;
  appName?: string;
  domainName?: string;
  state: TaskState;
  source: "created" | "registered" | "seeded" | "discovered";
  family?: TaskFamily;
  templateId?: number | null;
  mode?: "realtime" | "scheduled" | null;
  fileFormat?: string | null;
  recordType?: string | null;
  startTime?: Date | null;
  endTime?: Date | null;
  stoppedAt?: Date | null;
  createdByUserId?: string | null;
  createdByEmail?: string | null;
  createdAt?: Date;
}

/**
 * A TaskId someone reported by hand (Register, or Stop by ID of a task RecDesk never saw): state unknown, family
 * from the TaskId's format. A RecordTask registered this way is corrected by the next sweep that lists it.
 */
export function registerReportedTask(
  db: Database,
  input: { taskId: string; streamName: string; appName?: string; domainName?: string },
  actor: { userId?: string; email?: string },
): Promise<{ inserted: boolean; task: RecordingTask }> {
  return registerTaskRow(db, {
    taskId: input.taskId,
    streamName: input.streamName,
    appName: input.appName,
    domainName: input.domainName,
    state: "unknown",
    source: "registered",
    family: familyOfTaskId(input.taskId),
    createdByUserId: actor.userId ?? null,
    createdByEmail: actor.email ?? null,
  });
}

/**
 * Adds a task unless its TaskId is already known. Returns the row as stored and whether this call inserted it,
 * so callers can tell "registered now" from "someone registered it before" (and spot a different stream).
 */
export async function registerTaskRow(
  db: Database,
  row: NewTaskRow,
): Promise<{ inserted: boolean; task: RecordingTask }> {
  const inserted = await db
    .insert(recordingTasks)
    .values({
      ...row,
      appName: row.appName ?? "live",
      domainName: (row.domainName ?? "").toLowerCase(),
    })
    .onConflictDoNothing({ target: recordingTasks.taskId })
    .returning();
  if (inserted[0]) return { inserted: true, task: inserted[0] };
  const [existing] = await db.select().from(recordingTasks).where(eq(recordingTasks.taskId, row.taskId));
  return { inserted: false, task: existing! };
}

export interface ActionOutcome {
  action: "stop" | "start" | "register" | "delete";
  by: string | null;
  ok: boolean;
  requestId?: string | null;
  errorCode?: string | null;
  errorMessage?: string | null;
  at?: Date;
}

/** The columns that make a row remember the last thing done to it. */
export function outcomeColumns(o: ActionOutcome) {
  const at = o.at ?? new Date();
  return {
    lastAction: o.action,
    lastActionAt: at,
    lastActionBy: o.by,
    lastOk: o.ok ? ("ok" as const) : ("error" as const),
    // Upstream strings, stored as the database keeps them (no NUL, no lone surrogate: either would be refused or altered).
    lastRequestId: clipOptional(o.requestId, 200),
    lastErrorCode: o.ok ? null : clipOptional(o.errorCode, 200),
    lastErrorMessage: o.ok ? null : clipOptional(o.errorMessage, 2_000),
    updatedAt: at,
  };
}

export async function recordTaskAction(
  db: Database,
  taskId: string,
  o: ActionOutcome,
  extra: Partial<Pick<RecordingTask, "state" | "stoppedAt" | "deletedAt">> = {},
): Promise<void> {
  await db
    .update(recordingTasks)
    .set({ ...outcomeColumns(o), ...extra })
    .where(eq(recordingTasks.taskId, taskId));
}

/**
 * Many rows' outcomes in one statement (the bulk worker writes a batch of Stops this way). `stopped` also moves
 * the row to "stopped"; a failed action leaves the state alone, as recordTaskAction does. `claimedAt` ends the
 * Stop claim taken under it (lib/tasks/stop-claim.ts) in the same statement, so whoever waits on the claim
 * sees it end together with the outcome.
 */
export async function recordTaskActions(
  db: Database,
  rows: { taskId: string; outcome: ActionOutcome; stopped: boolean; claimedAt?: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map(({ taskId, outcome, stopped, claimedAt }) => {
    const c = outcomeColumns(outcome);
    return sql`(${taskId}::text, ${c.lastAction}::text, ${c.lastActionAt.toISOString()}::timestamptz, ${c.lastActionBy}::text, ${c.lastOk}::text,
      ${c.lastRequestId}::text, ${c.lastErrorCode}::text, ${c.lastErrorMessage}::text, ${stopped}::boolean, ${claimedAt ?? null}::timestamptz)`;
  });
  await db.execute(sql`
    update recording_tasks t set last_action = v.action, last_action_at = v.at, last_action_by = v.by, last_ok = v.ok,
      last_request_id = v.request_id, last_error_code = v.error_code, last_error_message = v.error_message, updated_at = v.at,
      state = case when v.stopped then 'stopped' else t.state end,
      stopped_at = case when v.stopped then v.at else t.stopped_at end,
      stopping_since = case when t.stopping_since = v.claimed_at then null else t.stopping_since end
    from (values ${sql.join(values, sql`, `)}) as v(task_id, action, at, by, ok, request_id, error_code, error_message, stopped, claimed_at)
    where t.task_id = v.task_id`);
}
