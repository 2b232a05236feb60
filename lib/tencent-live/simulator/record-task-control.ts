import { RECORD_TASK_MAX_AHEAD_MS, RECORD_TASK_MAX_SPAN_MS } from "../record-task-types";
import { MAX_OVERLAPPING_PER_STREAM, recordTaskState } from "./record-task-store";
import type { SimState } from "./state";

// Tasks made "behind RecDesk's back", as another system calling CreateRecordTask would (POST /_sim/record-tasks,
// --record-tasks, tests). Unlike CreateRecordTask it may place a task in the past or mark it stopped, so tests
// can build any account; it keeps the invariants Tencent guarantees and the sweep relies on: at most 24 h long,
// ending at most 7 days ahead, at most 3 overlapping per stream.

export interface ControlRecordTask {
  streamName: string;
  domainName?: string;
  appName?: string;
  /** ISO-8601 or Unix seconds; default now. */
  startTime?: string | number;
  /** ISO-8601 or Unix seconds; default one hour after the start. */
  endTime?: string | number;
  templateId?: number;
  /** StopRecordTask was called (at the start, or now if that is earlier than the end). */
  stopped?: boolean;
}

/** One listed RecordTask with its state, for GET /_sim/record-tasks and tests (times ISO UTC). */
export interface SimRecordTask {
  taskId: string;
  streamName: string;
  domainName: string;
  appName: string;
  startTime: string;
  endTime: string;
  templateId: number;
  stoppedAt: string | null;
  state: "scheduled" | "recording" | "ended";
}

function toMs(v: string | number | undefined): number | undefined {
  if (v === undefined) return undefined;
  return typeof v === "number" ? v * 1000 : Date.parse(v);
}

export function createControlRecordTask(
  s: SimState,
  i: ControlRecordTask,
  now = Date.now(),
): { taskId: string } | { error: string } {
  const second = (ms: number) => Math.floor(ms / 1000) * 1000;
  const startMs = toMs(i.startTime) ?? now;
  const endMs = toMs(i.endTime) ?? startMs + 3_600_000;
  if (!i.streamName) return { error: "streamName is required" };
  if (Number.isNaN(startMs) || Number.isNaN(endMs))
    return { error: "startTime and endTime must be ISO-8601 times or Unix seconds" };
  if (endMs <= startMs) return { error: "endTime must be after startTime" };
  if (endMs - startMs > RECORD_TASK_MAX_SPAN_MS) return { error: "a RecordTask lasts at most 24 hours" };
  if (endMs > now + RECORD_TASK_MAX_AHEAD_MS) return { error: "a RecordTask ends at most 7 days from now" };
  const stream = {
    streamName: i.streamName,
    domainName: i.domainName ?? s.pushDomains[0]!.name,
    appName: i.appName ?? "live",
  };
  if (s.recordTasks.overlapping(stream, startMs, endMs, now) >= MAX_OVERLAPPING_PER_STREAM)
    return { error: `at most ${MAX_OVERLAPPING_PER_STREAM} overlapping tasks per stream` };
  const rec = s.recordTasks.add({
    ...stream,
    startMs: second(startMs),
    endMs: second(endMs),
    createdMs: Math.min(now, startMs),
    templateId: i.templateId ?? 0,
    streamType: 0,
    stoppedMs: i.stopped ? second(Math.min(now, Math.max(startMs, endMs - 1000))) : undefined,
  });
  return { taskId: rec.taskId };
}

export function listRecordTasks(s: SimState, now = Date.now()): SimRecordTask[] {
  s.recordTasks.expire(now);
  return [...s.recordTasks.tasks.values()].map((t) => ({
    taskId: t.taskId,
    streamName: t.streamName,
    domainName: t.domainName,
    appName: t.appName,
    startTime: new Date(t.startMs).toISOString(),
    endTime: new Date(t.endMs).toISOString(),
    templateId: t.templateId,
    stoppedAt: t.stoppedMs === undefined ? null : new Date(t.stoppedMs).toISOString(),
    state: recordTaskState(t, now),
  }));
}
