// The simulator's seam between its recording families and its callback sender: whatever ends a
// recording (StopLiveRecord, StopRecordTask, an EndTime passing) reports it here, and the callback
// sender, when a callback rule is bound, turns it into Tencent's signed callbacks. Kept apart so the
// families need not know whether anyone listens.

export interface RecordingEnded {
  family: "legacy" | "recordTask";
  /** Legacy TaskIds as decimal strings; RecordTask TaskIds as Tencent's opaque strings. */
  taskId: string;
  domainName: string;
  appName: string;
  streamName: string;
  startMs: number;
  endMs: number;
  /** "flv" | "hls" | "mp4" | "aac" … as the task records. */
  fileFormat: string;
}

export interface RecordingStarted {
  family: "legacy" | "recordTask";
  taskId: string;
  domainName: string;
  appName: string;
  streamName: string;
  startMs: number;
}

type Listener<E> = (event: E) => void;

export class RecordingEvents {
  private ended: Listener<RecordingEnded>[] = [];
  private started: Listener<RecordingStarted>[] = [];

  onEnded(fn: Listener<RecordingEnded>): void {
    this.ended.push(fn);
  }

  onStarted(fn: Listener<RecordingStarted>): void {
    this.started.push(fn);
  }

  emitEnded(event: RecordingEnded): void {
    for (const fn of this.ended) fn(event);
  }

  emitStarted(event: RecordingStarted): void {
    for (const fn of this.started) fn(event);
  }
}
