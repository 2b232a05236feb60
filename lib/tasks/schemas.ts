import { z } from "zod";
import {
  AppNameSchema,
  DomainNameSchema,
  RecordTaskIdSchema,
  StreamNameSchema,
  TaskIdSchema,
} from "@/lib/tencent-live/validation";
import { REASON_MAX, REASON_MIN } from "@/lib/validation/reason";
import { safeText } from "@/lib/validation/safe-text";
import { isValidTimeZone, wallTimeToDate } from "./zoned-time";

// One zod schema per form. Pure, so the same rules can run in the browser; the server actions parse with them
// before anything else happens, and lib/tasks parses again because bulk jobs call it without a form.

export const ReasonSchema = safeText({
  label: "Reason",
  min: REASON_MIN,
  minMessage: `Give a reason (at least ${REASON_MIN} characters): it goes into the audit trail`,
  max: REASON_MAX,
  maxMessage: `Keep the reason under ${REASON_MAX} characters`,
});

/** Optional text field: "" (an empty input) means "not given". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

/**
 * A TaskId of either family, told apart by format (lib/tasks/task-family.ts): digits (give or take stray spaces,
 * which the legacy rule then refuses by name) are a legacy TaskId and get its rules and messages; anything else
 * is checked as a RecordTask TaskId.
 */
// Tencent documents RecordTask TaskIds only as strings; real ones are long opaque tokens with letters. So an id
// is judged as a RecordTask id only when it looks like one (16+ characters, a letter among them); anything else,
// such as "+7", "1e3" or "0x10", is judged, and refused, as a mistyped legacy (decimal) TaskId.
const RECORD_TASK_ID_SHAPE = /^(?=.*[A-Za-z]).{16,}$/s;

export const AnyTaskIdSchema = z.string({ error: "TaskId is required" }).superRefine((v, ctx) => {
  const schema = RECORD_TASK_ID_SHAPE.test(v) ? RecordTaskIdSchema : TaskIdSchema;
  const r = schema.safeParse(v);
  if (!r.success) for (const issue of r.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
});

export const StopTaskInputSchema = z.object({
  taskId: AnyTaskIdSchema,
  streamName: StreamNameSchema,
  reason: ReasonSchema,
  // Only used when a Stop registers a task RecDesk has not seen (Stop by ID).
  appName: optional(AppNameSchema),
  domainName: optional(DomainNameSchema),
});

export const RegisterTaskInputSchema = z.object({
  taskId: TaskIdSchema,
  streamName: StreamNameSchema,
  appName: optional(AppNameSchema),
  domainName: optional(DomainNameSchema),
  note: optional(
    safeText({ label: "Note", max: 500, maxMessage: "Keep the note under 500 characters", multiline: true }),
  ),
});

/** Correcting a registered task's stream, app and domain (on-call and admin): the new values and why. */
export const CorrectRegistrationInputSchema = z.object({
  taskId: TaskIdSchema,
  streamName: StreamNameSchema,
  appName: optional(AppNameSchema),
  domainName: optional(DomainNameSchema),
  reason: ReasonSchema,
});

/** Delete (on-call and admin): which task, its stream (checked against the registry) and why. */
export const DeleteTaskInputSchema = z.object({
  taskId: AnyTaskIdSchema,
  streamName: StreamNameSchema,
  reason: ReasonSchema,
});

export const FILE_FORMATS = ["flv", "hls", "mp4", "aac", "mp3"] as const;
export const RECORD_TYPES = ["video", "audio"] as const;
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;
// A real calendar time even when the mode ignores it (a real-time start): "2026-02-31T25:00" is refused, not dropped.
const wallTime = (label: string) =>
  safeText({ label, max: 19 })
    .regex(LOCAL_TIME, "Enter a date and time")
    .refine(
      (v) => !LOCAL_TIME.test(v) || !Number.isNaN(wallTimeToDate(v, "UTC").getTime()),
      "Not a real date and time",
    );

export const StartRecordingInputSchema = z
  .object({
    streamName: StreamNameSchema,
    appName: AppNameSchema,
    domainName: DomainNameSchema,
    mode: z.enum(["realtime", "scheduled"], { error: "Choose real-time or scheduled" }),
    /** Wall-clock times as typed in <input type="datetime-local">, in `timeZone`. */
    startLocal: optional(wallTime("Start")),
    endLocal: optional(wallTime("End")),
    timeZone: safeText({ label: "Time zone", min: 1, max: 64 }).refine(isValidTimeZone, "Unknown time zone"),
    fileFormat: z.enum(FILE_FORMATS, { error: "Choose a file format" }),
    recordType: z.enum(RECORD_TYPES, { error: "Choose video or audio" }),
    reason: optional(safeText({ label: "Reason", max: 500, maxMessage: "Keep the reason under 500 characters" })),
  })
  .superRefine((v, ctx) => {
    if (v.mode === "scheduled") {
      if (!v.startLocal)
        ctx.addIssue({ code: "custom", path: ["startLocal"], message: "A scheduled recording needs a start time" });
      if (!v.endLocal)
        ctx.addIssue({ code: "custom", path: ["endLocal"], message: "A scheduled recording needs an end time" });
    }
  });
export type StartRecordingInput = z.infer<typeof StartRecordingInputSchema>;
