import { bulkItems, bulkJobs } from "@/lib/db/schema/bulk";
import type { Database } from "@/lib/db/types";
import type { BulkTarget } from "./types";
import { wellFormed } from "@/lib/text/well-formed";
import { familyOfTaskId } from "@/lib/tasks/task-family";
import { say } from "@/lib/validation/messages";

export interface BulkJobRequest {
  actor: { userId?: string; email: string; role?: string | null };
  origin?: { clientIp?: string; userAgent?: string };
  reason: string;
  targets: BulkTarget[];
}

export type CreateBulkJobResult =
  | { ok: true; jobId: string; total: number }
  | { ok: false; code: "TooManyItems" | "EmptySelection" | "InvalidInput"; message: string };

// 6 parameters per row; Postgres caps a statement at 65 535 parameters, so insert in slices.
const INSERT_SLICE = 1_000;

/**
 * Persists the job and one pending item per task in ONE transaction: either the whole batch exists and the
 * worker will take it, or nothing does. Duplicate TaskIds in the selection become one item (one Stop each).
 * TaskIds are not validated here on purpose: a malformed one fails alone in the worker, with its own audit record.
 */
export async function createBulkJob(db: Database, req: BulkJobRequest, maxItems: number): Promise<CreateBulkJobResult> {
  const reason = wellFormed(req.reason.trim());
  if (!reason)
    return {
      ok: false,
      code: "InvalidInput",
      message: say("actions.bulk.oneReason"),
    };
  const unique = new Map<string, BulkTarget>();
  for (const t of req.targets) if (!unique.has(t.taskId)) unique.set(t.taskId, t);
  const targets = [...unique.values()];
  if (targets.length === 0) return { ok: false, code: "EmptySelection", message: say("actions.bulk.emptySelection") };
  if (targets.length > maxItems) {
    return {
      ok: false,
      code: "TooManyItems",
      message: say("actions.bulk.tooManyInSelection", { count: targets.length, max: maxItems }),
    };
  }
  const jobId = await db.transaction(async (tx) => {
    const [job] = await tx
      .insert(bulkJobs)
      .values({
        createdByUserId: req.actor.userId,
        createdByEmail: req.actor.email,
        createdByRole: req.actor.role ?? null,
        reason,
        total: targets.length,
        clientIp: req.origin?.clientIp,
        userAgent: req.origin?.userAgent,
      })
      .returning({ id: bulkJobs.id });
    for (let i = 0; i < targets.length; i += INSERT_SLICE) {
      await tx.insert(bulkItems).values(
        targets.slice(i, i + INSERT_SLICE).map((t) => ({
          jobId: job!.id,
          taskId: t.taskId,
          family: t.family ?? familyOfTaskId(t.taskId),
          streamName: t.streamName,
          appName: t.appName ?? "live",
          domainName: t.domainName ?? "",
        })),
      );
    }
    return job!.id;
  });
  return { ok: true, jobId, total: targets.length };
}
