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
import { label, say, type MessageRef } from "@/lib/validation/messages";

// One zod schema per form. Pure, so the same rules can run in the browser; the server actions parse with them
// before anything else happens, and lib/tasks parses again because bulk jobs call it without a form.

export const ReasonSchema = safeText({
  label: label("reason"),
  min: REASON_MIN,
  minMessage: say("validation.reason.tooShort", { min: REASON_MIN }),
  max: REASON_MAX,
  maxMessage: say("validation.reason.tooLong", { max: REASON_MAX }),
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

export const AnyTaskIdSchema = z.string({ error: say("validation.taskId.required") }).superRefine((v, ctx) => {
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
    safeText({
      label: label("note"),
      max: 500,
      maxMessage: say("validation.note.tooLong", { max: 500 }),
      multiline: true,
    }),
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
const wallTime = (name: MessageRef) =>
  safeText({ label: name, max: 19 })
    .regex(LOCAL_TIME, say("validation.start.enterDateTime"))
    .refine(
      (v) => !LOCAL_TIME.test(v) || !Number.isNaN(wallTimeToDate(v, "UTC").getTime()),
      say("validation.start.notRealDateTime"),
    );

export const StartRecordingInputSchema = z
  .object({
    streamName: StreamNameSchema,
    appName: AppNameSchema,
    domainName: DomainNameSchema,
    mode: z.enum(["realtime", "scheduled"], { error: say("validation.start.chooseMode") }),
    /** Wall-clock times as typed in <input type="datetime-local">, in `timeZone`. */
    startLocal: optional(wallTime(label("start"))),
    endLocal: optional(wallTime(label("end"))),
    timeZone: safeText({ label: label("timeZone"), min: 1, max: 64 }).refine(
      isValidTimeZone,
      say("validation.start.unknownTimeZone"),
    ),
    fileFormat: z.enum(FILE_FORMATS, { error: say("validation.start.chooseFileFormat") }),
    recordType: z.enum(RECORD_TYPES, { error: say("validation.start.chooseRecordType") }),
    reason: optional(
      safeText({ label: label("reason"), max: 500, maxMessage: say("validation.reason.tooLong", { max: 500 }) }),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.mode === "scheduled") {
      if (!v.startLocal)
        ctx.addIssue({ code: "custom", path: ["startLocal"], message: say("validation.start.scheduledNeedsStart") });
      if (!v.endLocal)
        ctx.addIssue({ code: "custom", path: ["endLocal"], message: say("validation.start.scheduledNeedsEnd") });
    }
  });
export type StartRecordingInput = z.infer<typeof StartRecordingInputSchema>;
