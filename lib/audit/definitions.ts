// View types for components/audit (no data access here; safe to import from client components).

/** One audit record as the page shows it: dates as ISO strings so it can cross to client components. */
export interface AuditRowView {
  id: number;
  at: string;
  finishedAt: string | null;
  actorEmail: string | null;
  actorRole: string | null;
  action: string;
  domainName: string | null;
  appName: string | null;
  streamName: string | null;
  taskId: string | null;
  jobId: string | null;
  reason: string | null;
  outcome: string;
  requestId: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  latencyMs: number | null;
  clientIp: string | null;
}

export interface AuditPage {
  rows: AuditRowView[];
  /** Pass as `before` for the next (older) page; absent on the last page. */
  olderCursor?: number;
  /** Pass as `after` for the previous (newer) page; absent on the first page. */
  newerCursor?: number;
}

export interface VerifyReport {
  intact: boolean;
  /** Records recomputed. */
  checked: number;
  /** The last record checked: note its hash somewhere else to anchor the chain (see docs in verify.ts). */
  headId: number | null;
  headHash: string | null;
  /** The first record that does not verify (also broken[0]). */
  firstBroken?: { id: number; problem: string };
  /** How many records do not verify; verification goes on past each one. */
  brokenCount: number;
  /** The first of them (at most 20), in id order. */
  broken: { id: number; problem: string }[];
  durationMs: number;
  /** The outcomes of the checked range, for the verification's own record to seal (lib/audit/seal.ts). */
  seal?: { upToId: number; finished: number; pendingIds: number[]; digest: string };
}
