// The RecordTask family (CreateRecordTask / StopRecordTask / DeleteRecordTask / DescribeRecordTask) and the
// recording templates, as the app sees them (camelCase, Dates). The wire names stay in client-record-task.ts.
// Facts: shared/reference/tencent-live-api.md §0 (regions), §1.7–1.10b.

/** The regions Tencent's intl docs list for the family; X-TC-Region is required (CN doc: ap-guangzhou only). */
export const RECORD_TASK_REGIONS = [
  "ap-bangkok",
  "ap-guangzhou",
  "ap-hongkong",
  "ap-jakarta",
  "ap-mumbai",
  "ap-seoul",
  "ap-singapore",
  "ap-tokyo",
  "eu-frankfurt",
  "na-ashburn",
  "na-siliconvalley",
  "na-toronto",
  "sa-saopaulo",
] as const;
export type RecordTaskRegion = (typeof RECORD_TASK_REGIONS)[number];
export const DEFAULT_RECORD_TASK_REGION: RecordTaskRegion = "ap-guangzhou";

/**
 * The answer to StopRecordTask / DeleteRecordTask for a TaskId Tencent does not know. The docs list no
 * "task not found" code for this family (legacy has ResourceNotFound.TaskId); every documented error list of
 * the family has InvalidParameter, and that is what a malformed or unknown opaque id most plausibly gets.
 * The simulator answers with it, and the error catalog explains it for these actions as "no such task".
 */
export const UNKNOWN_RECORD_TASK_CODE = "InvalidParameter";

/** CreateRecordTask's rules (§1.7): EndTime after now and before now + 7 days, at most 24 h after StartTime. */
export const RECORD_TASK_MAX_AHEAD_MS = 7 * 86_400_000;
export const RECORD_TASK_MAX_SPAN_MS = 86_400_000;
/** DescribeRecordTask's rules (§1.10): a window of at most 7 days starting no earlier than 90 days ago. */
export const DESCRIBE_WINDOW_MAX_MS = 7 * 86_400_000;
export const DESCRIBE_WINDOW_MAX_AGE_MS = 90 * 86_400_000;

export interface CreateRecordTaskInput {
  streamName: string;
  domainName: string;
  appName: string;
  endTime: Date;
  /** Omitted = start now. */
  startTime?: Date;
  /** From DescribeLiveRecordTemplates; omitted or unknown = HLS kept in VOD permanently. */
  templateId?: number;
  /** 0 = pushed stream (default), 1 = A+B=C mixed stream. */
  streamType?: 0 | 1;
  extension?: string;
}

export interface DescribeRecordTaskInput {
  startTime: Date;
  endTime: Date;
  streamName?: string;
  domainName?: string;
  appName?: string;
  scrollToken?: string;
}

/** One RecordTask as DescribeRecordTask lists it. There is no status field: see lib/tasks/record-task-state.ts. */
export interface RecordTaskInfo {
  taskId: string;
  streamName: string;
  domainName: string;
  appName: string;
  startTime: Date;
  endTime: Date;
  templateId: number;
  /** When StopRecordTask was called (Tencent's Stopped, 0 = never → null). */
  stoppedAt: Date | null;
}

export interface RecordTaskPage {
  tasks: RecordTaskInfo[];
  /** Empty when there is nothing more. */
  scrollToken: string;
}

export interface RecordTemplate {
  templateId: number;
  templateName: string;
  description: string;
  /** The enabled formats, lower case: "flv" | "hls" | "mp4" | "aac" | "mp3". */
  formats: string[];
}
