import "server-only";
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { recordingFiles, recordStatusEvents, type RecordingFile } from "@/lib/db/schema/callbacks";
import { recordingTasks } from "@/lib/db/schema/tasks";
import type { Database } from "@/lib/db/types";
import type { StreamKey } from "@/lib/streams/task-counts";
import type { RecordingFailure, RecordingRow, RecordingsPage } from "./definitions";
import { FAILURE_EVENTS } from "./apply-status";
import { cursorParam, type RecordingCursor, type RecordingFilters } from "./filters";

export const RECORDINGS_PAGE_SIZE = 50;

function toRow(f: RecordingFile): RecordingRow {
  return {
    id: f.id,
    domainName: f.domainName,
    appName: f.appName,
    streamName: f.streamName,
    taskId: f.taskId,
    fileId: f.fileId,
    fileFormat: f.fileFormat,
    startTime: f.startTime.toISOString(),
    endTime: f.endTime.toISOString(),
    durationSeconds: f.durationSeconds,
    fileSize: f.fileSize,
    videoUrl: f.videoUrl,
  };
}

function filterWhere(filters: RecordingFilters): SQL[] {
  const t = recordingFiles;
  const where: SQL[] = [];
  if (filters.stream) where.push(eq(t.streamName, filters.stream));
  if (filters.domain) where.push(eq(t.domainName, filters.domain));
  if (filters.format) where.push(eq(t.fileFormat, filters.format));
  if (filters.date) {
    const day = new Date(`${filters.date}T00:00:00Z`);
    where.push(gte(t.startTime, day), lt(t.startTime, new Date(day.getTime() + 86_400_000)));
  }
  return where;
}

/** (start_time, id) strictly beyond a cursor, in either direction. */
function beyond(c: { startMs: number; id: number }, direction: "older" | "newer"): SQL {
  const t = recordingFiles;
  const at = new Date(c.startMs);
  return direction === "older"
    ? or(lt(t.startTime, at), and(eq(t.startTime, at), lt(t.id, c.id)))!
    : or(sql`${t.startTime} > ${at}`, and(eq(t.startTime, at), sql`${t.id} > ${c.id}`))!;
}

/**
 * Recent recording files, newest first, keyset-paged on (start_time, id): every page costs the same at any
 * depth, and a file reported while someone pages does not shift what they see.
 */
export async function listRecordings(
  db: Database,
  filters: RecordingFilters,
  cursor: RecordingCursor = {},
  pageSize = RECORDINGS_PAGE_SIZE,
): Promise<RecordingsPage> {
  const t = recordingFiles;
  const goingNewer = cursor.after !== undefined && cursor.before === undefined;
  const where = filterWhere(filters);
  if (goingNewer) where.push(beyond(cursor.after!, "newer"));
  else if (cursor.before) where.push(beyond(cursor.before, "older"));
  const fetched = await db
    .select()
    .from(t)
    .where(where.length ? and(...where) : undefined)
    .orderBy(...(goingNewer ? [asc(t.startTime), asc(t.id)] : [desc(t.startTime), desc(t.id)]))
    .limit(pageSize + 1);
  const more = fetched.length > pageSize;
  const page = fetched.slice(0, pageSize);
  if (goingNewer) page.reverse();
  const rows = page.map(toRow);
  const hasOlder = goingNewer ? true : more;
  const hasNewer = goingNewer ? more : cursor.before !== undefined;
  return {
    rows,
    older: hasOlder && rows.length ? cursorParam(rows.at(-1)!) : undefined,
    newer: hasNewer && rows.length ? cursorParam(rows[0]!) : undefined,
  };
}

/** A stream's recordings, newest first (the stream page shows the latest ones and links to the rest). */
export async function recordingsOfStream(db: Database, key: StreamKey, limit = 20): Promise<RecordingRow[]> {
  const t = recordingFiles;
  const rows = await db
    .select()
    .from(t)
    .where(and(eq(t.streamName, key.streamName), eq(t.domainName, key.domainName), eq(t.appName, key.appName)))
    .orderBy(desc(t.startTime), desc(t.id))
    .limit(limit);
  return rows.map(toRow);
}

/**
 * The recordings of the tasks on one page of tasks, by TaskId. A RecordTask's files carry its task_id; a legacy
 * task's do not (Tencent sends task_id for the RecordTask family only), so those are matched by stream and by
 * starting while the task ran (from a minute before its start, for clock skew, until it stopped or ended).
 */
export async function recordingsOfTasks(db: Database, taskIds: string[]): Promise<Record<string, RecordingRow[]>> {
  if (taskIds.length === 0) return {};
  const f = recordingFiles;
  const t = recordingTasks;
  const perTask = 20;
  const [direct, legacy] = await Promise.all([
    db
      .select({ taskId: f.taskId, file: f })
      .from(f)
      .where(inArray(f.taskId, taskIds))
      .orderBy(desc(f.startTime), desc(f.id))
      .limit(taskIds.length * perTask),
    db
      .select({ taskId: t.taskId, file: f })
      .from(t)
      .innerJoin(
        f,
        and(
          isNull(f.taskId),
          eq(f.streamName, t.streamName),
          or(eq(t.domainName, ""), eq(t.domainName, f.domainName)),
          gte(f.startTime, sql`${t.startTime} - interval '1 minute'`),
          lte(f.startTime, sql`coalesce(${t.stoppedAt}, ${t.endTime}, now())`),
        ),
      )
      .where(and(inArray(t.taskId, taskIds), isNotNull(t.startTime)))
      .orderBy(desc(f.startTime), desc(f.id))
      .limit(taskIds.length * perTask),
  ]);
  const out: Record<string, RecordingRow[]> = {};
  for (const r of [...direct, ...legacy]) {
    const list = (out[r.taskId!] ??= []);
    if (list.length < perTask) list.push(toRow(r.file));
  }
  return out;
}

/**
 * The stream's latest record status when it is a failure (record_start_failed, record_error): the stream page
 * shows it until a later status (a successful start, an end) says recording went on.
 */
export async function latestRecordingFailure(db: Database, key: StreamKey): Promise<RecordingFailure | null> {
  const t = recordStatusEvents;
  const [row] = await db
    .select()
    .from(t)
    .where(and(eq(t.streamName, key.streamName), eq(t.domainName, key.domainName), eq(t.appName, key.appName)))
    .orderBy(desc(t.eventTime), desc(t.id))
    .limit(1);
  return row && FAILURE_EVENTS.includes(row.recordEvent as (typeof FAILURE_EVENTS)[number])
    ? {
        taskId: row.taskId,
        recordEvent: row.recordEvent,
        eventTime: row.eventTime.toISOString(),
        errorText: row.errorText,
      }
    : null;
}
