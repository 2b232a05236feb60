import { z } from "zod";
import { AUDIT_OUTCOMES, type AuditOutcome } from "@/lib/db/schema/audit";
import { AnyTaskIdSchema } from "@/lib/tasks/schemas";
import { safeText } from "@/lib/validation/safe-text";
import { wholeNumberParam } from "@/lib/validation/whole-number";
import { AUDIT_ACTIONS, type AuditAction } from "./types";
import { label, say, type MessageRef } from "@/lib/validation/messages";

// Pure zod: the page, the CSV route and the tests all read filters from URL search params through this.

/** Validated filters; every field optional, times are UTC instants. */
export interface AuditFilters {
  from?: Date;
  to?: Date;
  actor?: string;
  action?: AuditAction;
  outcome?: AuditOutcome;
  stream?: string;
  taskId?: string;
  jobId?: string;
  q?: string;
}

/** Keyset cursor: "older" = ids below `before`; "newer" = ids above `after`. */
export interface AuditCursor {
  before?: number;
  after?: number;
}

export const FILTER_KEYS = ["from", "to", "actor", "action", "outcome", "stream", "taskId", "jobId", "q"] as const;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

// What <input type="datetime-local"> sends (no zone), a bare date, or a full ISO instant. No zone means UTC:
// the page shows every time in UTC, so what a manager types matches what they read.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

const instant = (name: MessageRef) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(DATE_TIME, say("validation.filters.dateTime", { label: name }))
      .transform((v, ctx) => {
        const iso = v.replace(" ", "T");
        const withZone = /Z|[+-]\d{2}:\d{2}$/.test(iso) ? iso : `${iso.length === 10 ? `${iso}T00:00` : iso}Z`;
        const d = new Date(withZone);
        if (Number.isNaN(d.getTime()) || !sameCalendarDate(iso, d, withZone)) {
          ctx.addIssue({ code: "custom", message: say("validation.filters.notRealDate", { label: name }) });
          return z.NEVER;
        }
        return d;
      })
      .optional(),
  );

// new Date("2026-02-31T00:00Z") rolls over to March; a typed date that does not exist is an error.
function sameCalendarDate(typed: string, parsed: Date, withZone: string): boolean {
  if (!withZone.endsWith("Z")) return true;
  return parsed.toISOString().slice(0, 10) === typed.slice(0, 10);
}

const text = (max: number, name: MessageRef) =>
  z.preprocess(blankToUndefined, safeText({ label: name, max }).optional());

const cursor = z.preprocess(
  blankToUndefined,
  wholeNumberParam(label("pageCursor"))
    .pipe(z.number().positive(say("validation.filters.cursorRecordId")).max(Number.MAX_SAFE_INTEGER))
    .optional(),
);

export const AuditFiltersSchema = z
  .object({
    from: instant(label("from")),
    to: instant(label("to")),
    actor: z.preprocess(
      blankToUndefined,
      safeText({ label: label("actor"), max: 320 })
        .toLowerCase()
        .optional(),
    ),
    action: z.preprocess(
      blankToUndefined,
      z
        .enum(AUDIT_ACTIONS, { error: say("validation.filters.actionOneOf", { actions: AUDIT_ACTIONS.join(", ") }) })
        .optional(),
    ),
    outcome: z.preprocess(
      blankToUndefined,
      z
        .enum(AUDIT_OUTCOMES, {
          error: say("validation.filters.outcomeOneOf", { outcomes: AUDIT_OUTCOMES.join(", ") }),
        })
        .optional(),
    ),
    stream: text(256, label("stream")),
    // Either family's TaskId: a RecordTask row's "Audit history" link filters by its string TaskId.
    taskId: z.preprocess(blankToUndefined, AnyTaskIdSchema.optional()),
    jobId: z.preprocess(blankToUndefined, z.uuid({ error: say("validation.filters.jobIdUuid") }).optional()),
    q: text(200, label("search")),
    before: cursor,
    after: cursor,
  })
  .superRefine((f, ctx) => {
    if (f.from && f.to && f.from > f.to)
      ctx.addIssue({ code: "custom", path: ["to"], message: say("validation.filters.toBeforeFrom") });
  });

export type AuditFilterValues = Partial<Record<(typeof FILTER_KEYS)[number], string>>;

export type ParsedAuditFilters =
  | { ok: true; filters: AuditFilters; cursor: AuditCursor; values: AuditFilterValues }
  | { ok: false; fieldErrors: Record<string, string[]>; values: AuditFilterValues };

type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

/** Reads filters (and the page cursor) from a URL; bad input comes back as field errors, never a throw. */
export function parseAuditFilters(params: SearchParamsLike): ParsedAuditFilters {
  const raw: Record<string, string | undefined> = {};
  for (const key of [...FILTER_KEYS, "before", "after"]) {
    const v = params instanceof URLSearchParams ? (params.get(key) ?? undefined) : params[key];
    raw[key] = Array.isArray(v) ? v[0] : v;
  }
  const values: AuditFilterValues = {};
  for (const key of FILTER_KEYS) if (raw[key] !== undefined && raw[key] !== "") values[key] = raw[key];
  const parsed = AuditFiltersSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "form");
      (fieldErrors[key] ??= []).push(issue.message);
    }
    return { ok: false, fieldErrors, values };
  }
  const { before, after, ...filters } = parsed.data;
  return { ok: true, filters: stripUndefined(filters), cursor: { before, after }, values };
}

/** The filters back as URL params (for links: next page, CSV export, "this task's history"). */
export function filtersToParams(
  values: AuditFilterValues,
  extra: Record<string, string | number | undefined> = {},
): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (values[key]) params.set(key, values[key]!);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) params.set(k, String(v));
  return params;
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
