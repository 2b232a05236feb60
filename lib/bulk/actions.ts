import { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import { recordAudit, type AuditAction } from "@/lib/audit";
import type { AuthCheck } from "@/lib/auth/actor";
import type { Database } from "@/lib/db/types";
import { recordableText, safeText } from "@/lib/validation/safe-text";
import { cancelJob, retryFailed } from "./control";
import { createBulkJob } from "./create";
import { BulkSelectionSchema, resolveSelection, type BulkSelection } from "./selection";
import { bulkSelectionSchema } from "./selection-types";
import type { BulkPreview } from "./types";

// The bodies of the bulk server actions (app/(console)/jobs/actions.ts stays thin): parse, act, audit.
// Every refusal and every invalid request leaves an audit record; so does every job created, cancelled or retried.

type Denied = Extract<AuthCheck, { ok: false }>;
type Allowed = Extract<AuthCheck, { ok: true }>;

const ReasonSchema = safeText({ label: "Reason", min: 3, minMessage: "Give a reason of at least 3 characters; it goes into every audit record.", max: 500 });
const createBulkStopSchema = (maxItems: number) => z.object({ selection: bulkSelectionSchema(maxItems), reason: ReasonSchema });
const JobIdSchema = z.uuid("Not a bulk job id.");

function actorOf(auth: AuthCheck) {
  const a = auth.ok ? auth.actor : auth.actor;
  return { userId: a?.userId, email: a?.email, role: a?.role ?? null };
}

export async function refuseBulk(db: Database, auth: Denied, action: AuditAction, details: Record<string, unknown>, jobId?: string): Promise<ActionResult<never>> {
  await recordAudit(
    db,
    { actor: actorOf(auth), action, jobId: jobId && JobIdSchema.safeParse(jobId).success ? jobId : undefined, clientIp: auth.origin.clientIp, userAgent: auth.origin.userAgent, details },
    { outcome: "denied", errorCode: auth.code, errorMessage: auth.message },
  );
  return { ok: false, code: auth.code, message: auth.message };
}

async function invalid(db: Database, auth: Allowed, action: AuditAction, message: string, fieldErrors: Record<string, string[]> | undefined, details: Record<string, unknown>, code = "InvalidInput", reason?: string) {
  await recordAudit(
    db,
    { actor: actorOf(auth), action, reason, clientIp: auth.origin.clientIp, userAgent: auth.origin.userAgent, details },
    { outcome: "invalid", errorCode: code, errorMessage: message },
  );
  return { ok: false as const, code, message, fieldErrors };
}

/** A list of ids longer than RECDESK_BULK_MAX_ITEMS: refused by the schema, before the registry is queried. */
function tooManyIds(error: z.ZodError): boolean {
  return error.issues.some((i) => i.code === "too_big" && i.path.includes("taskIds"));
}

function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) (out[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
  return out;
}

/** Summarised for the audit record: never thousands of TaskIds in one row. */
function describeSelection(sel: unknown): Record<string, unknown> {
  const parsed = BulkSelectionSchema.safeParse(sel);
  if (!parsed.success) return { selection: "unparseable" };
  return parsed.data.kind === "ids" ? { selection: "ids", selected: parsed.data.taskIds.length } : { selection: "filter", filters: parsed.data.filters };
}

/** What the confirmation dialog shows: how many tasks the selection really covers, and which streams. */
export async function previewBulkStop(db: Database, auth: Allowed, input: unknown, maxItems: number): Promise<ActionResult<{ preview: BulkPreview }>> {
  const sel = bulkSelectionSchema(maxItems).safeParse(input);
  if (!sel.success) {
    const many = tooManyIds(sel.error);
    const message = many ? (sel.error.issues[0]?.message ?? "Too many tasks selected.") : "The selection is not valid.";
    return invalid(db, auth, "bulk.create", message, fieldErrorsOf(sel.error), { step: "preview", ...describeSelection(input), ...(many ? { max: maxItems } : {}) }, many ? "TooManyItems" : "InvalidInput");
  }
  const r = await resolveSelection(db, sel.data, maxItems);
  return { ok: true, preview: { count: r.count, max: maxItems, targets: r.targets } };
}

export async function createBulkStop(db: Database, auth: Allowed, input: unknown, maxItems: number): Promise<ActionResult<{ jobId: string; total: number }>> {
  const parsed = createBulkStopSchema(maxItems).safeParse(input);
  const details = describeSelection((input as { selection?: unknown } | null)?.selection);
  // The reason the person typed belongs on the record even when the request is refused (bounded, like the schema).
  const typedReason = (input as { reason?: unknown } | null)?.reason;
  const reasonGiven = typeof typedReason === "string" && typedReason.trim() !== "" ? recordableText(typedReason.trim(), 500) : undefined;
  if (!parsed.success) {
    const many = tooManyIds(parsed.error);
    return invalid(db, auth, "bulk.create", parsed.error.issues[0]?.message ?? "Invalid request.", fieldErrorsOf(parsed.error), many ? { ...details, max: maxItems } : details, many ? "TooManyItems" : "InvalidInput", reasonGiven);
  }
  const sel: BulkSelection = parsed.data.selection;
  const resolved = await resolveSelection(db, sel, maxItems);
  if (resolved.tooMany) {
    const message = `${resolved.count.toLocaleString("en-US")} tasks match; one bulk job stops at most ${maxItems.toLocaleString("en-US")} (RECDESK_BULK_MAX_ITEMS). Narrow the filter or split the batch.`;
    return invalid(db, auth, "bulk.create", message, undefined, { ...details, matched: resolved.count, max: maxItems }, "TooManyItems", parsed.data.reason);
  }
  const created = await createBulkJob(db, { actor: auth.actor, origin: auth.origin, reason: parsed.data.reason, targets: resolved.targets }, maxItems);
  if (!created.ok) return invalid(db, auth, "bulk.create", created.message, undefined, details, created.code, parsed.data.reason);
  await recordAudit(
    db,
    { actor: actorOf(auth), action: "bulk.create", jobId: created.jobId, reason: parsed.data.reason, clientIp: auth.origin.clientIp, userAgent: auth.origin.userAgent, details: { ...details, items: created.total } },
    { outcome: "ok", details: { items: created.total } },
  );
  return { ok: true, jobId: created.jobId, total: created.total };
}

export async function controlJob(db: Database, auth: Allowed, action: "bulk.cancel" | "bulk.retry", jobId: unknown): Promise<ActionResult<{ affected: number }>> {
  const id = JobIdSchema.safeParse(jobId);
  if (!id.success) return invalid(db, auth, action, "Not a bulk job id.", undefined, { jobId: recordableText(String(jobId), 80) });
  const r = action === "bulk.cancel" ? await cancelJob(db, id.data) : await retryFailed(db, id.data, { userId: auth.actor.userId, email: auth.actor.email, role: auth.actor.role });
  // A resume after the job's actor was disabled says so: from here on its Stops are audited in this person's name.
  const okDetails = r.ok ? { affected: r.affected, ...(r.resumedInNameOf ? { resumedInNameOf: r.resumedInNameOf } : {}) } : undefined;
  await recordAudit(
    db,
    { actor: actorOf(auth), action, jobId: r.ok || r.code !== "NotFound" ? id.data : undefined, clientIp: auth.origin.clientIp, userAgent: auth.origin.userAgent, details: okDetails ?? { jobId: id.data } },
    r.ok ? { outcome: "ok", details: okDetails } : { outcome: "invalid", errorCode: r.code, errorMessage: r.message },
  );
  return r.ok ? { ok: true, affected: r.affected } : { ok: false, code: r.code, message: r.message };
}
