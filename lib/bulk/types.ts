// Shapes the bulk-stop pages and actions share. Pure types: components may import them.
import type { BulkItemState, BulkJobState } from "@/lib/db/schema/bulk";
import type { TaskFamily } from "@/lib/tasks/task-family";

export type { BulkItemState, BulkJobState };

/** One task to stop, as the job stores it. */
export interface BulkTarget {
  taskId: string;
  /** Default: from the TaskId's format (lib/tasks/task-family.ts). */
  family?: TaskFamily;
  streamName: string;
  appName?: string;
  domainName?: string;
}

export interface BulkCounts {
  total: number;
  pending: number;
  sending: number;
  stopped: number;
  failed: number;
  cancelled: number;
}

export interface BulkJobView {
  id: string;
  state: BulkJobState;
  pausedReason: string | null;
  reason: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  createdByEmail: string;
  createdByRole: string | null;
  counts: BulkCounts;
  /** How many of the items are RecordTasks (StopRecordTask, 20/s); the rest are legacy (StopLiveRecord). */
  recordTaskItems: number;
  /** Items finished per second over the last few seconds (0 when idle). */
  ratePerSecond: number;
  /** Seconds until the pending items are done at the current rate; null when unknown. */
  secondsLeft: number | null;
  /** Wall time from the first claim to the last outcome (or now while running), in ms. */
  durationMs: number | null;
}

export interface BulkItemView {
  id: number;
  taskId: string;
  family: TaskFamily;
  domainName: string;
  appName: string;
  streamName: string;
  state: BulkItemState;
  attempts: number;
  requestId: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  finishedAt: string | null;
}

/** What the selection dialog shows before the job is created. */
export interface BulkPreview {
  count: number;
  max: number;
  targets: BulkTarget[];
}

/**
 * True while the job can still change by itself, so the job page keeps polling. A paused or cancelled job
 * only changes when someone acts on it, and those actions refetch.
 */
export function isJobActive(state: BulkJobState, counts: Pick<BulkCounts, "sending">): boolean {
  return state === "running" || counts.sending > 0;
}

/** What GET /api/jobs/[id] answers (the job page polls it). */
export interface JobProgressResponse {
  job: BulkJobView;
  items: { items: BulkItemView[]; total: number };
  explanations: Record<
    string,
    { code: string; title: string; meaning: string; nextStep: string; retryable: boolean; accountLevel: boolean }
  >;
}

/**
 * The paused reason's code when the person the job acts for (its creator, or whoever resumed it) was disabled.
 * Resuming such a job (Retry failed and resume) sends its remaining Stops in the resumer's name.
 */
export const ACTOR_DISABLED_CODE = "RecDesk.CreatorDisabled";
