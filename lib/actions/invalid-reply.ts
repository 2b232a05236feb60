import { actionFailure, type ActionFailure, type LiveErrorExplanation } from "@/lib/action-result";
import { recordAudit, type AuditAction } from "@/lib/audit";
import type { Attempt } from "@/lib/audit/refusal";
import type { AuditIntent } from "@/lib/audit/types";
import type { Database } from "@/lib/db/types";

/** How an action answers and audits input its schema refused. */
export interface InvalidReply {
  code?: string;
  message: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
  /** What the code means, for forms that explain every failure next to it. */
  explanation?: LiveErrorExplanation;
  attempt?: Attempt;
  /** The audit record's error message and details; by default "The input was refused" with the field errors. */
  errorMessage?: string;
  errorDetails?: Record<string, unknown>;
}

/**
 * Records one `invalid` attempt and builds its answer. The action wrapper calls it; so do the task flows' own
 * defensive parses, for callers that reach them without the wrapper (bulk jobs), so both write the same record.
 */
export async function answerInvalid(
  db: Database,
  who: Pick<AuditIntent, "actor" | "clientIp" | "userAgent" | "jobId">,
  action: AuditAction,
  reply: InvalidReply,
): Promise<ActionFailure> {
  const code = reply.code ?? "InvalidInput";
  await recordAudit(
    db,
    { ...who, action, ...reply.attempt },
    {
      outcome: "invalid",
      errorCode: code,
      errorMessage: reply.errorMessage ?? "The input was refused",
      details:
        reply.errorMessage === undefined
          ? (reply.errorDetails ?? { fieldErrors: reply.fieldErrors })
          : reply.errorDetails,
    },
  );
  return actionFailure(code, reply.message, {
    ...(reply.fieldErrors ? { fieldErrors: reply.fieldErrors } : {}),
    ...(reply.values ? { values: reply.values } : {}),
    ...(reply.explanation ? { explanation: reply.explanation } : {}),
  });
}
