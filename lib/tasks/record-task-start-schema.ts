import { z } from "zod";
import { RECORD_TASK_MAX_AHEAD_MS, RECORD_TASK_MAX_SPAN_MS } from "@/lib/tencent-live/record-task-types";
import { AppNameSchema, DomainNameSchema, StreamNameSchema } from "@/lib/tencent-live/validation";
import { safeText } from "@/lib/validation/safe-text";
import { isValidTimeZone, wallTimeToDate } from "./zoned-time";
import { label, say, type MessageKey, type MessageRef } from "@/lib/validation/messages";

// The Start form for the RecordTask family (CreateRecordTask, tencent-live-api.md §1.7). Pure, like schemas.ts.
// EndTime is required and must be after now, at most 7 days ahead, and at most 24 h after the start (the start
// being now when none is given). StartTime, StreamType and the template are optional.

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;
const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const wallTime = (name: MessageRef) =>
  safeText({ label: name, max: 19 })
    .regex(LOCAL_TIME, say("validation.start.enterDateTime"))
    .refine(
      (v) => !LOCAL_TIME.test(v) || !Number.isNaN(wallTimeToDate(v, "UTC").getTime()),
      say("validation.start.notRealDateTime"),
    );

const RecordTaskStartSchema = z.object({
  streamName: StreamNameSchema,
  appName: AppNameSchema,
  domainName: DomainNameSchema,
  startLocal: z.preprocess(blank, wallTime(label("start")).optional()),
  endLocal: z.preprocess(blank, wallTime(label("end")).optional()),
  timeZone: safeText({ label: label("timeZone"), min: 1, max: 64 }).refine(
    isValidTimeZone,
    say("validation.start.unknownTimeZone"),
  ),
  // "" = Tencent's default (HLS kept in VOD); otherwise a TemplateId from DescribeLiveRecordTemplates.
  templateId: z.preprocess(
    blank,
    z.coerce
      .number({ error: say("validation.start.chooseTemplate") })
      .int(say("validation.start.chooseTemplate"))
      .min(1)
      .max(2_147_483_647)
      .optional(),
  ),
  streamType: z.preprocess(blank, z.enum(["0", "1"], { error: say("validation.start.chooseStreamType") }).optional()),
  reason: z.preprocess(
    blank,
    safeText({
      label: label("reason"),
      max: 500,
      maxMessage: say("validation.reason.tooLong", { max: 500 }),
    }).optional(),
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
      ctx.addIssue({ code: "custom", path: ["endLocal"], message: say("validation.start.recordTaskNeedsEnd") });
      return;
    }
    if (ctx.issues.length > 0) return;
    const { start, end } = recordTaskTimes(input);
    const add = (path: string, key: MessageKey) => ctx.addIssue({ code: "custom", path: [path], message: say(key) });
    if (!end || Number.isNaN(end.getTime())) return add("endLocal", "validation.start.notRealDateTime");
    if (start && Number.isNaN(start.getTime())) return add("startLocal", "validation.start.notRealDateTime");
    const from = start ?? now;
    if (start && start.getTime() < now.getTime() - 60_000) return add("startLocal", "validation.start.startInPast");
    if (end <= now) return add("endLocal", "validation.start.endInPast");
    if (end <= from) return add("endLocal", "validation.start.endBeforeStart");
    if (end.getTime() - now.getTime() > RECORD_TASK_MAX_AHEAD_MS)
      return add("endLocal", "validation.start.endTooFarAhead");
    if (end.getTime() - from.getTime() > RECORD_TASK_MAX_SPAN_MS)
      return add("endLocal", "validation.start.recordTaskTooLong");
  });
}
