import type { Database } from "@/lib/db/types";
import { explainLiveError } from "@/lib/tencent-live/errors";
import { pauseJob } from "./control";
import { actingForJobs, actorDisabledReason } from "./job-actor";
import type { SentItem } from "./outcomes";
import { ACTOR_DISABLED_CODE } from "./types";

/**
 * When a job stops sending: its actor's account was disabled, or Tencent answered with an error that every
 * further Stop on this account would get too (an account-level error). The rule remembers the jobs it paused
 * on this worker, so items claimed before the pause committed are handed back, until a claim that started
 * after the pause sees the job running again (someone resumed it).
 */
export interface PauseRule {
  isPaused(jobId: string): boolean;
  /** Forgets pauses that a claim started at `claimStartedAt` saw lifted (the job was resumed since). */
  noteClaimed(jobIds: string[], claimStartedAt: number): void;
  /** Pauses the jobs whose acting account is disabled; returns the acting email per job (who its Stops are for). */
  pauseJobsOfDisabledActors(jobIds: string[]): Promise<Map<string, string>>;
  /** Pauses the jobs of answers with an account-level error. */
  pauseOnAccountErrors(answered: SentItem[]): Promise<void>;
}

export function createPauseRule(db: Database, onPaused: (jobId: string, code: string) => void): PauseRule {
  // jobId → when its pause was committed (null while committing).
  const paused = new Map<string, number | null>();

  async function pause(jobId: string, reason: string, code: string): Promise<void> {
    paused.set(jobId, null);
    await pauseJob(db, jobId, reason);
    paused.set(jobId, Date.now());
    onPaused(jobId, code);
  }

  return {
    isPaused: (jobId) => paused.has(jobId),
    noteClaimed(jobIds, claimStartedAt) {
      for (const jobId of jobIds) {
        const p = paused.get(jobId);
        if (p !== undefined && p !== null && claimStartedAt > p) paused.delete(jobId);
      }
    },
    async pauseJobsOfDisabledActors(jobIds) {
      const acting = await actingForJobs(db, jobIds);
      const emails = new Map<string, string>();
      for (const a of acting.values()) {
        emails.set(a.jobId, a.email);
        if (a.disabled && !paused.has(a.jobId)) await pause(a.jobId, actorDisabledReason(a.email), ACTOR_DISABLED_CODE);
      }
      return emails;
    },
    async pauseOnAccountErrors(answered) {
      for (const s of answered) {
        const r = s.result;
        if (r.ok || s.coalesced || paused.has(s.item.jobId) || !explainLiveError(r.code).accountLevel) continue;
        const e = explainLiveError(r.code, r.message);
        await pause(s.item.jobId, `${r.code}: ${e.title}. ${e.nextStep}`, r.code);
      }
    },
  };
}
