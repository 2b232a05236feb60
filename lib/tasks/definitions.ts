// Types and constants the task pages and components share with lib/tasks. Pure: no database, no server-only,
// so client components may import it.

import type { TaskState as SchemaTaskState } from "@/lib/db/schema/tasks";
import type { TaskFamily } from "./task-family";

export const TASK_STATES = ["scheduled", "recording", "stopping", "stopped", "failed", "deleted", "unknown"] as const;
export type TaskState = (typeof TASK_STATES)[number];
// Compile-time guard: this list and the column's type must not drift apart.
const sameStates: [TaskState, SchemaTaskState] extends [SchemaTaskState, TaskState] ? true : never = true;
void sameStates;

/**
 * States in which a Stop makes sense. "unknown" is included on purpose: a task someone registered by hand
 * has no state RecDesk could read (Tencent has no describe call for legacy tasks), and stopping it is why
 * it was registered.
 */
export const STOPPABLE_STATES: readonly TaskState[] = ["scheduled", "recording", "unknown"];

export function isStoppable(state: TaskState): boolean {
  return STOPPABLE_STATES.includes(state);
}

/** One row of the registry as pages see it: dates as ISO strings so it crosses the server/client boundary. */
export interface TaskView {
  taskId: string;
  /** Legacy (CreateLiveRecord…) or RecordTask (CreateRecordTask…): decides which Stop and Delete are sent. */
  family: TaskFamily;
  /** RecordTask: the recording template it uses (null for legacy, or when Tencent's default applies). */
  templateId: number | null;
  /** When RecDesk deleted it, or a sweep found it gone from Tencent. */
  deletedAt: string | null;
  domainName: string;
  appName: string;
  streamName: string;
  /** The state as of now: derived from the stored state, the in-flight Stop claim and the start/end times. */
  state: TaskState;
  mode: "realtime" | "scheduled" | null;
  fileFormat: string | null;
  recordType: string | null;
  startTime: string | null;
  endTime: string | null;
  source: "created" | "registered" | "seeded" | "discovered";
  createdByEmail: string | null;
  createdAt: string;
  stoppedAt: string | null;
  lastAction: string | null;
  lastActionAt: string | null;
  lastActionBy: string | null;
  lastOk: "ok" | "error" | null;
  lastRequestId: string | null;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
}

export interface TaskFilters {
  family?: TaskFamily;
  state?: TaskState;
  /** Substring of the stream name, case-insensitive. */
  stream?: string;
  domain?: string;
  /** "running longer than N hours": recording, started more than N hours ago. */
  runningHours?: number;
}

export interface TaskPage {
  rows: TaskView[];
  /** Matching tasks, counted up to TASK_COUNT_CAP (lib/tasks/registry.ts); past it, totalExact is false. */
  total: number;
  totalExact: boolean;
  /** How many of `total` a Stop makes sense for (what "select all matching" would stop). */
  stoppable: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

export const RUNNING_PRESETS_HOURS = [1, 6, 24, 72] as const;
