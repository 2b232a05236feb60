// What the recording pages and components read: plain, serializable, times as ISO strings.

/** Who a record-status callback acts as on a task's last action: Tencent itself, not a person. */
export const TENCENT_ACTOR = "Tencent";

export const RECORDING_FORMATS = ["FLV", "HLS", "MP4", "AAC", "MP3"] as const;

export interface RecordingRow {
  id: number;
  domainName: string;
  appName: string;
  streamName: string;
  taskId: string | null;
  fileId: string;
  fileFormat: string;
  startTime: string;
  endTime: string;
  durationSeconds: number;
  fileSize: number;
  videoUrl: string;
}

/** The latest record_start_failed / record_error of a stream, shown on its page. */
export interface RecordingFailure {
  taskId: string | null;
  recordEvent: string;
  eventTime: string;
  errorText: string | null;
}

export interface RecordingsPage {
  rows: RecordingRow[];
  /** Cursors for the neighbouring pages, absent at either end. */
  older?: string;
  newer?: string;
}
