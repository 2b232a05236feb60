import { z } from "zod";
import { RECORD_TASK_MAX_AHEAD_MS, RECORD_TASK_MAX_SPAN_MS } from "@/lib/tencent-live/record-task-types";
import { AppNameSchema, DomainNameSchema, StreamNameSchema } from "@/lib/tencent-live/validation";
import { safeText } from "@/lib/validation/safe-text";
import { isValidTimeZone, wallTimeToDate } from "./zoned-time";

// The Start form for the RecordTask family (CreateRecordTask, tencent-live-api.md §1.7). Pure, like schemas.ts.
// EndTime is required and must be after now, at most 7 days ahead, and at most 24 h after the start (the start
// being now when none is given). StartTime, StreamType and the template are optional.

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;
const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const wallTime = (label: string) =>
  safeText({ label, max: 19 })
    .regex(LOCAL_TIME, "Enter a date and time")
    .refine(
      (v) => !LOCAL_TIME.test(v) || !Number.isNaN(wallTimeToDate(v, "UTC").getTime()),
      "Not a real date and time",
    );

const RecordTaskStartSchema = z.object({
  streamName: StreamNameSchema,
  appName: AppNameSchema,
  domainName: DomainNameSchema,
  startLocal: z.preprocess(blank, wallTime("Start").optional()),
  endLocal: z.preprocess(blank, wallTime("End").optional()),
  timeZone: safeText({ label: "Time zone", min: 1, max: 64 }).refine(isValidTimeZone, "Unknown time zone"),
  // "" = Tencent's default (HLS kept in VOD); otherwise a TemplateId from DescribeLiveRecordTemplates.
  templateId: z.preprocess(
    blank,
    z.coerce.number({ error: "Choose a template" }).int("Choose a template").min(1).max(2_147_483_647).optional(),
  ),
  streamType: z.preprocess(blank, z.enum(["0", "1"], { error: "Choose the stream type" }).optional()),
  reason: z.preprocess(
    blank,
    safeText({ label: "Reason", max: 500, maxMessage: "Keep the reason under 500 characters" }).optional(),
  ),
});
export type RecordTaskStartInput = z.infer<typeof RecordTaskStartSchema>;

/** The absolute times the form's wall-clock fields stand for. */
export function recordTaskTimes(input: RecordTaskStartInput): { start?: Date; end?: Date } {
  return {
    start: input.startLocal ? wallTimeToDate(input.startLocal, input.timeZone) : undefined,
    end: input.endLocal ? wallTimeToDate(input.endLocal, input.timeZone) : undefined,
  };
}

/** The schema at `now`: the form's rules, then CreateRecordTask's time rules once the fields themselves are valid. */
export function recordTaskStartSchemaAt(now: Date) {
  return RecordTaskStartSchema.superRefine((input, ctx) => {
    if (!input.endLocal) {
      ctx.addIssue({ code: "custom", path: ["endLocal"], message: "A RecordTask needs an end time" });
      return;
    }
    if (ctx.issues.length > 0) return;
    const { start, end } = recordTaskTimes(input);
    const add = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (!end || Number.isNaN(end.getTime())) return add("endLocal", "Not a real date and time");
    if (start && Number.isNaN(start.getTime())) return add("startLocal", "Not a real date and time");
    const from = start ?? now;
    if (start && start.getTime() < now.getTime() - 60_000)
      return add("startLocal", "The start time is in the past; leave it empty to start now");
    if (end <= now) return add("endLocal", "The end time is in the past");
    if (end <= from) return add("endLocal", "The end time must be after the start time");
    if (end.getTime() - now.getTime() > RECORD_TASK_MAX_AHEAD_MS)
      return add("endLocal", "The end time can be at most 7 days from now (Tencent's limit)");
    if (end.getTime() - from.getTime() > RECORD_TASK_MAX_SPAN_MS)
      return add("endLocal", "A RecordTask lasts at most 24 hours after its start (Tencent's limit)");
  });
}
