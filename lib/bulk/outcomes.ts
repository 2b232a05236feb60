import { finishAudits } from "@/lib/audit";
import type { Database } from "@/lib/db/types";
import type { LiveResult } from "@/lib/tencent-live/types";
import { completeItems, releaseItems, type ClaimedItem } from "./queue";
import { recordLateAnswers, type LateAnswer } from "./late-answers";
import { recordStopsOnTasks } from "./task-registry";
import { releaseTasksOf, type TaskClaim } from "./task-claims";

/** One Stop that got an answer (or gave up), waiting to be written. */
export interface SentItem {
  item: ClaimedItem;
  auditId: number;
  result: LiveResult<unknown>;
  /** How the item stood with its task's Stop claim (lib/bulk/task-claims.ts). */
  claim: TaskClaim;
  /** The answer is another Stop's, shared while that Stop held the claim: no call of this item's own. */
  coalesced?: boolean;
}

/**
 * Writes a batch of answered Stops: audit outcomes, item outcomes and the tasks' registry rows, three
 * statements for the whole batch instead of four per item. Until this runs an item stays `sending` with a
 * pending intent, so a crash here is the case recovery already handles (resend; a Stop is idempotent).
 * Returns the items whose claim still held, and the answers whose intent another holder had already closed
 * (recorded as late answers, never dropped).
 */
export async function writeOutcomes(
  db: Database,
  workerId: string,
  batch: SentItem[],
  by: (s: SentItem) => string,
): Promise<{ completed: SentItem[]; late: LateAnswer[] }> {
  const finished = await finishAudits(
    db,
    batch.map(({ item, auditId, result: r, coalesced }) => ({
      id: auditId,
      result: {
        outcome: r.ok ? "ok" : "error",
        requestId: r.requestId,
        errorCode: r.ok ? undefined : r.code,
        errorMessage: r.ok ? undefined : r.message,
        latencyMs: r.latencyMs,
        details: coalesced
          ? { bulkItemId: item.id, attempts: r.attempts, coalesced: true, upstreamCall: false }
          : { bulkItemId: item.id, attempts: r.attempts },
      },
    })),
  );
  // The item and its task row in one transaction: a worker killed between the two would leave a finished item
  // whose task still says "stopping", which recovery (it looks only at items still sending) never revisits.
  const completed = await db.transaction(async (tx) => {
    const claimed = await completeItems(
      tx,
      workerId,
      batch.map(({ item, auditId, result: r }) =>
        r.ok
          ? { itemId: item.id, state: "stopped" as const, requestId: r.requestId, auditId }
          : {
              itemId: item.id,
              state: "failed" as const,
              requestId: r.requestId,
              errorCode: r.code,
              errorMessage: r.message,
              auditId,
            },
      ),
    );
    const done = batch.filter((s) => claimed.has(s.item.id));
    // A shared answer is already on the row, written by the Stop that made the call.
    await recordStopsOnTasks(
      tx,
      done
        .filter((s) => !s.coalesced)
        .map((s) => ({
          taskId: s.item.taskId,
          ok: s.result.ok,
          requestId: s.result.requestId,
          errorCode: s.result.ok ? undefined : s.result.code,
          errorMessage: s.result.ok ? undefined : s.result.message,
          by: by(s),
          claimedAt: s.claim === "held" ? s.item.claimedAt : undefined,
        })),
    );
    return done;
  });
  const late = await recordLateAnswers(
    db,
    batch.filter((s) => !finished.has(s.auditId)),
    by,
  );
  // Claims not ended with an outcome above (the item was taken over meanwhile) end here, on every path.
  await releaseTasksOf(
    db,
    batch.filter((s) => s.claim === "held" && !completed.includes(s)).map((s) => s.item),
  );
  return { completed, late };
}

/**
 * An intent was committed but the Stop was not sent (the job was paused, the lease lost, the worker is
 * stopping): the record says so, and the item goes back to the queue, in one transaction so recovery never
 * sees one without the other.
 */
export async function closeUnsent(
  db: Database,
  workerId: string,
  unsent: { item: ClaimedItem; auditId: number; claim?: TaskClaim }[],
  why: string,
): Promise<void> {
  if (unsent.length === 0) return;
  await db.transaction(async (tx) => {
    const t = tx as unknown as Database;
    await finishAudits(
      t,
      unsent.map(({ item, auditId }) => ({
        id: auditId,
        result: {
          outcome: "error",
          errorCode: "RecDesk.NotSent",
          errorMessage: `Not sent: ${why}. The item went back to the job's queue.`,
          details: { bulkItemId: item.id, recovery: "not-sent" },
        },
      })),
    );
    await releaseTasksOf(
      t,
      unsent.filter((u) => u.claim === "held").map((u) => u.item),
    );
    await releaseItems(
      t,
      workerId,
      unsent.map((u) => u.item),
    );
  });
}
