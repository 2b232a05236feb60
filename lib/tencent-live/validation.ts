import { safeText } from "@/lib/validation/safe-text";
import { label, say } from "@/lib/validation/messages";

// Pure zod, no server-only: forms use these too, and the simulator applies the same rules to requests.

export const MAX_TASK_ID = 18446744073709551615n; // 2^64 − 1: legacy TaskIds are unsigned 64-bit

/**
 * A legacy TaskId as RecDesk keeps it everywhere: a decimal string, no sign, no leading zeros,
 * 1..2^64−1. Compared as BigInt because a JS number silently rounds above 2^53.
 */
export const TaskIdSchema = safeText({
  label: label("taskId"),
  max: 40,
  maxMessage: say("validation.taskId.tooBig"),
  trim: false,
})
  // Not trimmed: " 12" is refused rather than quietly becoming a value other than the one sent.
  .refine((v) => v === v.trim(), { message: say("validation.taskId.spaces"), abort: true })
  .regex(/^[1-9][0-9]{0,19}$/, say("validation.taskId.wholeNumber"))
  // zod 4 runs refinements even after the regex failed, so guard the BigInt conversion.
  .refine((v) => !/^\d+$/.test(v) || BigInt(v) <= MAX_TASK_ID, say("validation.taskId.tooBig"));

/*
 * Tencent documents StreamName/AppName only as "letters, digits and symbols" (console address generator)
 * and warns that "_" followed by a transcoding template name changes meaning on playback. We accept the
 * characters that are safe unescaped in an RTMP/HLS URL path and reject the ones that would change the
 * URL's structure (/ ? # & % whitespace, quotes, backslash). Lengths: StreamName ≤ 256, AppName ≤ 128
 * (our choice; Tencent publishes no number, and real names are far shorter).
 */
const NAME_CHARS = /^[A-Za-z0-9_.~!*()@+=,:-]+$/;
// "." and ".." pass NAME_CHARS but are path segments: rtmp://host/live/.. and /streams/d/a/.. resolve elsewhere.
const notDotSegment = (v: string) => v !== "." && v !== "..";

export const StreamNameSchema = safeText({
  label: label("streamName"),
  min: 1,
  minMessage: say("validation.names.streamNameRequired"),
  max: 256,
})
  .regex(NAME_CHARS, say("validation.names.streamNameChars"))
  .refine(notDotSegment, say("validation.names.streamNameDots"));

export const AppNameSchema = safeText({
  label: label("appName"),
  min: 1,
  minMessage: say("validation.names.appNameRequired"),
  max: 128,
})
  .regex(NAME_CHARS, say("validation.names.appNameChars"))
  .refine(notDotSegment, say("validation.names.appNameDots"));

/** A push/playback domain: an ordinary DNS host name (labels of letters, digits, hyphens). */
export const DomainNameSchema = safeText({ label: label("domainName"), max: 253 })
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/,
    say("validation.names.domainName"),
  );

/** Parses "YYYY-MM-DD HH:MM:SS" as UTC+8. Invalid input yields an Invalid Date. */
export function cstToDate(v: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(v);
  if (!m) return new Date(NaN);
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h - 8, mi, s);
  const back = new Date(ms + 8 * 3600_000);
  // Reject 2026-02-30 and friends, which Date.UTC would roll over.
  if (
    back.getUTCFullYear() !== y ||
    back.getUTCMonth() !== mo - 1 ||
    back.getUTCDate() !== d ||
    h > 23 ||
    mi > 59 ||
    s > 59
  ) {
    return new Date(NaN);
  }
  return new Date(ms);
}

/** Formats an instant as China Standard Time "YYYY-MM-DD HH:MM:SS". */
export function dateToCst(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace("T", " ");
}

/**
 * A RecordTask TaskId: Tencent's opaque string (e.g. "UpTbk5RSVhRQFkAAfHwQCCjcRD0lRFcZ0xTSlNTQltlRVRLU1JAWW9EUb").
 * No format is documented, so we only refuse what cannot be one: blank, spaces, control or URL-structural
 * characters, and absurd lengths. Not trimmed, for the same reason as TaskIdSchema.
 */
export const RecordTaskIdSchema = safeText({
  label: label("taskId"),
  min: 1,
  minMessage: say("validation.taskId.required"),
  max: 256,
  trim: false,
}).regex(/^[A-Za-z0-9_\-+=/.:~]+$/, say("validation.taskId.recordTaskChars"));
