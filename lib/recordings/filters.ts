import { z } from "zod";
import { safeText } from "@/lib/validation/safe-text";
import { RECORDING_FORMATS } from "./definitions";
import { label, say } from "@/lib/validation/messages";

// Pure zod: the /recordings page and the tests read its URL search params through this.

export interface RecordingFilters {
  stream?: string;
  domain?: string;
  /** A UTC day, YYYY-MM-DD: files that started on it. */
  date?: string;
  format?: (typeof RECORDING_FORMATS)[number];
}

/** Keyset cursor on (start_time, id), newest first: "older" pages go below `before`, "newer" above `after`. */
export interface RecordingCursor {
  before?: { startMs: number; id: number };
  after?: { startMs: number; id: number };
}

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);

const cursor = z.preprocess(
  (v) => blank(one(v)),
  z
    .string()
    .regex(/^\d{1,15}\.\d{1,15}$/, say("validation.filters.cursorInvalid"))
    .transform((v) => {
      const [ms, id] = v.split(".");
      return { startMs: Number(ms), id: Number(id) };
    })
    .optional(),
);

const Schema = z.object({
  stream: z.preprocess((v) => blank(one(v)), safeText({ label: label("stream"), max: 256 }).optional()),
  domain: z.preprocess((v) => blank(one(v)), safeText({ label: label("domain"), max: 256 }).optional()),
  date: z.preprocess(
    (v) => blank(one(v)),
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, say("validation.filters.day"))
      .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), say("validation.filters.notRealDay"))
      .optional(),
  ),
  format: z.preprocess(
    (v) => {
      const s = blank(one(v));
      return typeof s === "string" ? s.toUpperCase() : s;
    },
    z
      .enum(RECORDING_FORMATS, {
        error: say("validation.filters.formatOneOf", { formats: RECORDING_FORMATS.join(", ") }),
      })
      .optional(),
  ),
  before: cursor,
  after: cursor,
});

export type ParsedRecordingFilters =
  | { ok: true; filters: RecordingFilters; cursor: RecordingCursor; values: Record<string, string> }
  | { ok: false; fieldErrors: Record<string, string[]>; values: Record<string, string> };

export function parseRecordingFilters(params: Record<string, string | string[] | undefined>): ParsedRecordingFilters {
  const values: Record<string, string> = {};
  for (const key of ["stream", "domain", "date", "format"]) {
    const v = one(params[key]);
    if (typeof v === "string" && v.trim() !== "") values[key] = v;
  }
  const parsed = Schema.safeParse(params);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message);
    return { ok: false, fieldErrors, values };
  }
  const { before, after, ...filters } = parsed.data;
  return { ok: true, filters, cursor: { before, after }, values };
}

export function cursorParam(row: { startTime: string; id: number }): string {
  return `${Date.parse(row.startTime)}.${row.id}`;
}
