import { and, eq, gte, isNull, lt, lte, or, sql } from "drizzle-orm";
import { recordTaskSweeps, recordingTasks, type RecordTaskSweepRow } from "@/lib/db/schema/tasks";
import type { Database } from "@/lib/db/types";
import type { RecordTaskInfo } from "@/lib/tencent-live/types";
import { recordTaskState } from "./record-task-state";
import type { SweepWindow } from "./record-task-windows";

// What the RecordTask sweep reads and writes: the claim that makes it one sweep per interval across viewers and
// instances, the registry rows it keeps in step with Tencent, and the outcome the /tasks status line shows.

const SWEEP_ID = "global";
/** A claim older than this whose sweep never finished is abandoned (its process died) and may be taken over. */
const SWEEP_LEASE_MS = 5 * 60_000;
/** Rows per INSERT: 12 parameters each, well under Postgres's 65,535 per statement. */
const UPSERT_CHUNK = 500;

export interface SweepStatus {
  /** When a sweep last succeeded (database clock); null if none has yet. */
  lastSuccessAt: Date | null;
  /** The last sweep's failure, when the last finished sweep failed. */
  lastError?: { code: string; message: string; requestId?: string; at: Date };
  /** DescribeRecordTask calls, distinct tasks and wall time of the last finished sweep. */
  lastCalls: number | null;
  lastTaskCount: number | null;
  lastDurationMs: number | null;
  /** A sweep has been claimed and not finished (here or on another instance). */
  running: boolean;
  /** This call ran a sweep; false when one ran (or runs) within the interval elsewhere. */
  swept: boolean;
}

/**
 * Takes the sweep claim when the last one is older than the interval and finished (or abandoned). One
 * conditional upsert judged by the database clock, so any number of viewers and instances get one winner.
 */
export async function claimSweep(db: Database, holder: string, ttlMs: number): Promise<boolean> {
  const result = await db.execute(sql`
    insert into record_task_sweeps (id, claimed_at, claimed_by, last_started_at)
    values (${SWEEP_ID}, now(), ${holder}, now())
    on conflict (id) do update
      set claimed_at = excluded.claimed_at, claimed_by = excluded.claimed_by, last_started_at = excluded.last_started_at
      where record_task_sweeps.claimed_at is null
         or (record_task_sweeps.claimed_at <= now() - make_interval(secs => ${ttlMs / 1000})
             and (greatest(record_task_sweeps.last_success_at, record_task_sweeps.last_error_at) >= record_task_sweeps.claimed_at
                  or record_task_sweeps.claimed_at <= now() - make_interval(secs => ${SWEEP_LEASE_MS / 1000})))
    returning id`);
  return result.rows.length === 1;
}

export interface SweepFigures {
  calls: number;
  tasks: number;
  durationMs: number;
}

export async function finishSweep(
  db: Database,
  figures: SweepFigures,
  error?: { code: string; message: string; requestId?: string },
): Promise<void> {
  const t = recordTaskSweeps;
  const common = { lastCalls: figures.calls, lastTaskCount: figures.tasks, lastDurationMs: figures.durationMs };
  await db
    .update(t)
    .set(
      error
        ? {
            ...common,
            lastErrorAt: sql`now()`,
            lastErrorCode: error.code,
            lastErrorMessage: error.message.slice(0, 500),
            lastErrorRequestId: error.requestId ?? null,
          }
        : {
            ...common,
            lastSuccessAt: sql`now()`,
            lastErrorAt: null,
            lastErrorCode: null,
            lastErrorMessage: null,
            lastErrorRequestId: null,
          },
    )
    .where(eq(t.id, SWEEP_ID));
}

export async function readSweepStatus(db: Database, swept: boolean): Promise<SweepStatus> {
  const rows = await db
    .select({
      row: recordTaskSweeps,
      running: sql<boolean>`(${recordTaskSweeps.claimedAt} is not null
        and ${recordTaskSweeps.claimedAt} > now() - make_interval(secs => ${SWEEP_LEASE_MS / 1000})
        and (greatest(${recordTaskSweeps.lastSuccessAt}, ${recordTaskSweeps.lastErrorAt}) is null
             or greatest(${recordTaskSweeps.lastSuccessAt}, ${recordTaskSweeps.lastErrorAt}) < ${recordTaskSweeps.claimedAt}))`,
    })
    .from(recordTaskSweeps)
    .where(eq(recordTaskSweeps.id, SWEEP_ID));
  const r: RecordTaskSweepRow | undefined = rows[0]?.row;
  return {
    lastSuccessAt: r?.lastSuccessAt ?? null,
    lastError:
      r?.lastErrorAt && r.lastErrorCode
        ? {
            code: r.lastErrorCode,
            message: r.lastErrorMessage ?? "",
            requestId: r.lastErrorRequestId ?? undefined,
            at: r.lastErrorAt,
          }
        : undefined,
    lastCalls: r?.lastCalls ?? null,
    lastTaskCount: r?.lastTaskCount ?? null,
    lastDurationMs: r?.lastDurationMs ?? null,
    running: Boolean(rows[0]?.running),
    swept,
  };
}

/**
 * Writes what Tencent listed. A row RecDesk already holds keeps a Stop or failure it recorded (the page may have
 * been read just before RecDesk's own Stop), and a deletion RecDesk made during this sweep.
 */
export async function upsertSeenTasks(db: Database, tasks: RecordTaskInfo[], sweptAt: Date): Promise<void> {
  const t = recordingTasks;
  for (let i = 0; i < tasks.length; i += UPSERT_CHUNK) {
    const chunk = tasks.slice(i, i + UPSERT_CHUNK).map((x) => ({
      taskId: x.taskId,
      family: "recordTask" as const,
      source: "discovered" as const,
      domainName: x.domainName.toLowerCase(),
      appName: x.appName,
      streamName: x.streamName,
      startTime: x.startTime,
      endTime: x.endTime,
      templateId: x.templateId,
      upstreamStoppedAt: x.stoppedAt,
      lastSeenAt: sweptAt,
      state: recordTaskState(
        {
          state: "unknown",
          startTime: x.startTime,
          endTime: x.endTime,
          upstreamStoppedAt: x.stoppedAt,
          deletedAt: null,
          stoppingSince: null,
        },
        sweptAt,
      ),
    }));
    await db
      .insert(t)
      .values(chunk)
      .onConflictDoUpdate({
        target: t.taskId,
        set: {
          domainName: sql.raw("excluded.domain_name"),
          appName: sql.raw("excluded.app_name"),
          streamName: sql.raw("excluded.stream_name"),
          startTime: sql.raw("excluded.start_time"),
          endTime: sql.raw("excluded.end_time"),
          templateId: sql.raw("excluded.template_id"),
          upstreamStoppedAt: sql.raw("coalesce(excluded.upstream_stopped_at, recording_tasks.upstream_stopped_at)"),
          lastSeenAt: sql.raw("excluded.last_seen_at"),
          state: sql.raw(
            "case when recording_tasks.state in ('stopped', 'failed') then recording_tasks.state else excluded.state end",
          ),
          deletedAt: sql`case when recording_tasks.deleted_at >= ${sweptAt} then recording_tasks.deleted_at else null end`,
          updatedAt: sweptAt,
        },
        setWhere: sql.raw("recording_tasks.family = 'recordTask'"),
      });
  }
}

/**
 * Marks as deleted the RecordTasks Tencent should have listed (inside a window) but did not: deleted on Tencent,
 * so they leave scheduled/recording. Rows created or seen since the sweep began are left alone.
 */
export async function markVanished(db: Database, windows: SweepWindow[], sweptAt: Date): Promise<number> {
  const t = recordingTasks;
  const rows = await db
    .update(t)
    .set({ deletedAt: sweptAt, updatedAt: sweptAt })
    .where(
      and(
        eq(t.family, "recordTask"),
        isNull(t.deletedAt),
        lt(t.createdAt, sweptAt),
        or(isNull(t.lastSeenAt), lt(t.lastSeenAt, sweptAt)),
        or(...windows.map((w) => and(gte(t.startTime, w.startTime), lte(t.endTime, w.endTime)))),
      ),
    )
    .returning({ taskId: t.taskId });
  return rows.length;
}
