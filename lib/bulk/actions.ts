import { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import type { Allowed, InvalidReply } from "@/lib/actions/define-action";
import { recordAudit, type AuditAction } from "@/lib/audit";
import { auditWho, type Attempt } from "@/lib/audit/refusal";
import type { AuditResult } from "@/lib/audit/types";
import type { Database } from "@/lib/db/types";
import { recordableText, safeText } from "@/lib/validation/safe-text";
import { fieldErrorsOf } from "@/lib/validation/field-errors";
import { REASON_MIN, REASON_MAX } from "@/lib/validation/reason";
import { cancelJob, retryFailed } from "./control";
import { createBulkJob } from "./create";
import { BulkSelectionSchema, resolveSelection, type BulkSelection } from "./selection";
import { bulkSelectionSchema } from "./selection-types";
import type { BulkPreview } from "./types";
import { label, say } from "@/lib/validation/messages";

// The bodies of the bulk server actions (app/(console)/jobs/actions.ts declares them with lib/actions): what a
// refused or invalid request's audit record says, and what each action does once its input parsed.
// Every job created, cancelled or retried leaves an audit record here; refusals are audited by the wrapper.

const ReasonSchema = safeText({
  label: label("reason"),
  min: REASON_MIN,
  minMessage: say("validation.reason.bulkTooShort", { min: REASON_MIN }),
  max: REASON_MAX,
});
export const createBulkStopSchema = (maxItems: number) =>
  z.object({ selection: bulkSelectionSchema(maxItems), reason: ReasonSchema });
export const JobIdSchema = z.uuid(say("validation.bulk.notAJobId"));

/** A refused control of a job names the job when the id at least looks like one. */
export function jobAttempt(jobId: unknown): Attempt {
  return { jobId: typeof jobId === "string" && JobIdSchema.safeParse(jobId).success ? jobId : undefined, details: {} };
}

/** A list of ids longer than RECDESK_BULK_MAX_ITEMS: refused by the schema, before the registry is queried. */
function tooManyIds(error: z.ZodError): boolean {
  return error.issues.some((i) => i.code === "too_big" && i.path.includes("taskIds"));
}

/** Summarised for the audit record: never thousands of TaskIds in one row. */
function describeSelection(sel: unknown): Record<string, unknown> {
  const parsed = BulkSelectionSchema.safeParse(sel);
  if (!parsed.success) return { selection: "unparseable" };
  return parsed.data.kind === "ids"
    ? { selection: "ids", selected: parsed.data.taskIds.length }
    : { selection: "filter", filters: parsed.data.filters };
}

/** An invalid bulk request: TooManyItems when the id list is over the limit, the message as the record's. */
function invalidReply(
  code: string,
  message: string,
  details: Record<string, unknown>,
  extra: Partial<InvalidReply> = {},
): InvalidReply {
  return {
    code,
    message,
    errorMessage: message,
    attempt: { details, reason: extra.attempt?.reason },
    fieldErrors: extra.fieldErrors,
  };
}

export function invalidPreview(error: z.ZodError, input: unknown, maxItems: number): InvalidReply {
  const many = tooManyIds(error);
  const message = many
    ? (error.issues[0]?.message ?? say("actions.bulk.tooManySelected"))
    : say("actions.bulk.selectionInvalid");
  const details = { step: "preview", ...describeSelection(input), ...(many ? { max: maxItems } : {}) };
  return invalidReply(many ? "TooManyItems" : "InvalidInput", message, details, { fieldErrors: fieldErrorsOf(error) });
}

export function invalidCreate(error: z.ZodError, input: unknown, maxItems: number): InvalidReply {
  const many = tooManyIds(error);
  const details = describeSelection((input as { selection?: unknown } | null)?.selection);
  // The reason the person typed belongs on the record even when the request is refused (bounded, like the schema).
  const typedReason = (input as { reason?: unknown } | null)?.reason;
  const reason =
    typeof typedReason === "string" && typedReason.trim() !== ""
      ? recordableText(typedReason.trim(), REASON_MAX)
      : undefined;
  const message = error.issues[0]?.message ?? say("actions.bulk.invalidRequest");
  return invalidReply(many ? "TooManyItems" : "InvalidInput", message, many ? { ...details, max: maxItems } : details, {
    fieldErrors: fieldErrorsOf(error),
    attempt: { reason },
  });
}

export function invalidJobId(jobId: unknown): InvalidReply {
  return invalidReply("InvalidInput", say("validation.bulk.notAJobId"), { jobId: recordableText(String(jobId), 80) });
}

/** What the confirmation dialog shows: how many tasks the selection really covers, and which streams. */
export async function previewBulkStop(
  db: Database,
  sel: BulkSelection,
  maxItems: number,
): Promise<ActionResult<{ preview: BulkPreview }>> {
  const r = await resolveSelection(db, sel, maxItems);
  return { ok: true, preview: { count: r.count, max: maxItems, targets: r.targets } };
}

function record(
  db: Database,
  auth: Allowed,
  action: AuditAction,
  attempt: Attempt,
  result: AuditResult,
): Promise<number> {
  return recordAudit(db, { ...auditWho(auth.actor, auth.origin), action, ...attempt }, result);
}

export async function createBulkStop(
  db: Database,
  auth: Allowed,
  input: { selection: BulkSelection; reason: string },
  maxItems: number,
): Promise<ActionResult<{ jobId: string; total: number }>> {
  const details = describeSelection(input.selection);
  const { actor, origin } = auth;
  const refuse = async (code: string, message: string, more: Record<string, unknown> = {}) => {
    await record(
      db,
      auth,
      "bulk.create",
      { reason: input.reason, details: { ...details, ...more } },
      { outcome: "invalid", errorCode: code, errorMessage: message },
    );
    return { ok: false as const, code, message };
  };
  const resolved = await resolveSelection(db, input.selection, maxItems);
  if (resolved.tooMany) {
    const message = say("actions.bulk.tooManyMatch", { count: resolved.count, max: maxItems });
    return refuse("TooManyItems", message, { matched: resolved.count, max: maxItems });
  }
  const created = await createBulkJob(db, { actor, origin, reason: input.reason, targets: resolved.targets }, maxItems);
  if (!created.ok) return refuse(created.code, created.message);
  await record(
    db,
    auth,
    "bulk.create",
    { jobId: created.jobId, reason: input.reason, details: { ...details, items: created.total } },
    { outcome: "ok", details: { items: created.total } },
  );
  return { ok: true, jobId: created.jobId, total: created.total };
}

export async function controlJob(
  db: Database,
  auth: Allowed,
  action: "bulk.cancel" | "bulk.retry",
  jobId: string,
): Promise<ActionResult<{ affected: number }>> {
  const { actor } = auth;
  const r =
    action === "bulk.cancel"
      ? await cancelJob(db, jobId)
      : await retryFailed(db, jobId, { userId: actor.userId, email: actor.email, role: actor.role });
  // A resume after the job's actor was disabled says so: from here on its Stops are audited in this person's name.
  const okDetails = r.ok
    ? { affected: r.affected, ...(r.resumedInNameOf ? { resumedInNameOf: r.resumedInNameOf } : {}) }
    : undefined;
  await record(
    db,
    auth,
    action,
    { jobId: r.ok || r.code !== "NotFound" ? jobId : undefined, details: okDetails ?? { jobId } },
    r.ok ? { outcome: "ok", details: okDetails } : { outcome: "invalid", errorCode: r.code, errorMessage: r.message },
  );
  return r.ok ? { ok: true, affected: r.affected } : { ok: false, code: r.code, message: r.message };
}
