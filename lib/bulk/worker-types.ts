import type { LiveClient } from "@/lib/tencent-live/client";
import type { Database } from "@/lib/db/types";
import type { RecoveryReport } from "./recover";

export interface BulkWorkerOptions {
  db: Database;
  client: Pick<LiveClient, "stopLiveRecord" | "stopRecordTask">;
  workerId?: string;
  /**
   * Stops in flight at once (default 48; RECDESK_BULK_CONCURRENCY). 200/s at 100 ms upstream latency needs 20;
   * the rest covers the batched database writes and retries. Lanes are cheap: a lane waiting on Tencent or on
   * the limiter holds no connection, and its writes are batched with the others'.
   */
  concurrency?: number;
  /**
   * RecordTask Stops in flight at once (default 24): their own lanes. StopRecordTask's 20/s needs 2 at 100 ms
   * latency, but a lane is only free again once its outcome is written, which on a busy database can take most
   * of a second; the limiter, not the lane count, keeps the rate at 20/s.
   */
  recordTaskConcurrency?: number;
  /** How long the lease lasts without renewal; a dead holder's jobs resume this long after it died. */
  leaseTtlMs?: number;
  /** How often an idle worker (or one waiting for the lease) looks for work from other instances. */
  idlePollMs?: number;
  /** How long an item whose task another Stop holds waits for that Stop's answer (default 30 s, as a single Stop). */
  joinWaitMs?: number;
  onEvent?: (e: BulkWorkerEvent) => void;
}

export type BulkWorkerEvent =
  | { type: "lease"; acquired: boolean }
  | { type: "released" }
  | { type: "recovered"; report: RecoveryReport }
  | { type: "paused"; jobId: string; code: string }
  | { type: "finished"; jobIds: string[] }
  | { type: "late-answer"; auditId: number; lateAuditId: number }
  | { type: "error"; message: string };

export interface BulkWorker {
  readonly id: string;
  start(): void;
  /**
   * Stops claiming, lets in-flight Stops finish and record their outcome (for at most `graceMs`, default without
   * limit), then gives the lease up. Answers how many items were still in flight when it gave up waiting.
   */
  stop(o?: { graceMs?: number }): Promise<{ inFlight: number }>;
  /** Something changed (a job was created or retried): look for work now instead of at the next poll. */
  wake(): void;
  stats(): { sent: number; stopped: number; failed: number; leading: boolean; inFlight: number };
}
