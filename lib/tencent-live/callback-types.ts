import { createHash } from "node:crypto";
import { z } from "zod";

// The bodies Tencent Cloud Live POSTs to a callback template's URLs (reference §1.10c and Tencent's
// "Stream Pushing Notification", "Recording Event Notification" pages). Field names stay Tencent's,
// snake_case, as they arrive on the wire. Shared by the simulator (which sends them) and RecDesk's
// endpoint (which verifies and stores them). Plain Node: no server-only, so the simulator CLI loads it.
//
// Schemas are loose objects: Tencent adds fields over time, and a receiver that refused a body for an
// extra field would make Tencent retry it twelve times for nothing.

export const CALLBACK_EVENT = {
  streamEnd: 0,
  streamBegin: 1,
  recordFile: 100,
  recordStatus: 332,
} as const;

export const RECORD_EVENTS = [
  "record_start_succeeded",
  "record_start_failed",
  "record_paused",
  "record_resumed",
  "record_error",
  "record_ended",
] as const;
export type RecordEvent = (typeof RECORD_EVENTS)[number];

/**
 * The signature's expiry `t` (int64, Unix seconds) and other Unix times: numbers on the wire; a decimal
 * string is accepted too, since `t` is signed as its decimal text.
 */
const unixSeconds = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .regex(/^\d{1,12}$/)
    .transform(Number),
]);
/** Ids Tencent documents as strings but some SDK samples show as numbers (record_temp_id, task_id…). */
const idText = z.union([z.string(), z.number().transform(String)]);
const count = z.number().nonnegative();

const common = {
  appid: z.number().int(),
  t: unixSeconds,
  sign: z.string().min(1),
};

/** event_type 1 (push began) and 0 (push ended). */
export const streamEventSchema = z.looseObject({
  ...common,
  event_type: z.union([z.literal(CALLBACK_EVENT.streamBegin), z.literal(CALLBACK_EVENT.streamEnd)]),
  /** The push domain. */
  app: z.string(),
  appname: z.string(),
  stream_id: z.string(),
  channel_id: z.string(),
  event_time: unixSeconds,
  sequence: idText.optional(),
  node: z.string().optional(),
  user_ip: z.string().optional(),
  stream_param: z.string().optional(),
  /** On end only: seconds pushed. */
  push_duration: idText.optional(),
  errcode: z.number().int().optional(),
  errmsg: z.string().optional(),
  set_id: z.number().int().optional(),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
});
export type StreamEventCallback = z.infer<typeof streamEventSchema>;

/** event_type 100: one recording file (one per segment for segmented formats). */
export const recordFileSchema = z.looseObject({
  ...common,
  event_type: z.literal(CALLBACK_EVENT.recordFile),
  /** The push domain. */
  app: z.string(),
  appname: z.string(),
  stream_id: z.string(),
  channel_id: z.string(),
  file_id: idText,
  record_file_id: idText.optional(),
  /** Recording template id; empty for a global task. */
  record_temp_id: idText.optional(),
  /** FLV, HLS, MP4, AAC (Tencent's case varies; compare case-insensitively). */
  file_format: z.string(),
  /** Meaningful only for RecordTask tasks; empty otherwise. */
  task_id: idText.optional(),
  start_time: unixSeconds,
  end_time: unixSeconds,
  start_time_usec: z.number().int().optional(),
  end_time_usec: z.number().int().optional(),
  /** Seconds. */
  duration: count,
  /** Bytes. */
  file_size: count,
  /** Omitted for API-created tasks. */
  stream_param: z.string().optional(),
  video_url: z.string(),
  media_start_time: z.number().optional(),
  record_bps: z.number().optional(),
  /** JSON text (video_codec, resolution, session_id…). */
  callback_ext: z.string().optional(),
});
export type RecordFileCallback = z.infer<typeof recordFileSchema>;

export const recordDetailSchema = z.looseObject({
  /** 1 FLV, 2 HLS, 3 MP4, 4 AAC, 5 MP3. */
  file_format: z.number().int().optional(),
  record_bps: z.number().optional(),
  /** 1 = recording template rule, 5 = API. */
  start_model: z.number().int().optional(),
  record_content: z.number().int().optional(),
  source_type: z.number().int().optional(),
  codec_temp_id: idText.optional(),
});

/** event_type 332: recording status. */
export const recordStatusSchema = z.looseObject({
  ...common,
  event_type: z.literal(CALLBACK_EVENT.recordStatus),
  /** The push domain (this event names it `domain`, not `app`). */
  domain: z.string(),
  appname: z.string(),
  stream_id: z.string(),
  /** RecordTask family only. */
  task_id: idText.optional(),
  session_id: idText.optional(),
  seq: z.number().int().optional(),
  event_time: unixSeconds,
  record_event: z.enum(RECORD_EVENTS),
  record_detail: recordDetailSchema.optional(),
});
export type RecordStatusCallback = z.infer<typeof recordStatusSchema>;

/** Any other event_type (snapshot, porn detection, push errors…): stored by the receiver, otherwise ignored. */
export const unknownEventSchema = z.looseObject({
  ...common,
  event_type: z.number().int(),
});
export type UnknownEventCallback = z.infer<typeof unknownEventSchema>;

export type LiveCallback =
  | { kind: "stream"; body: StreamEventCallback }
  | { kind: "recordFile"; body: RecordFileCallback }
  | { kind: "recordStatus"; body: RecordStatusCallback }
  | { kind: "unknown"; body: UnknownEventCallback };

export type ParsedLiveCallback = { ok: true; event: LiveCallback } | { ok: false; message: string };

/** Validates a parsed JSON body by its event_type; an unknown event_type is still a valid callback. */
export function parseLiveCallback(body: unknown): ParsedLiveCallback {
  const head = unknownEventSchema.safeParse(body);
  if (!head.success) return { ok: false, message: summarize(head.error) };
  const type = head.data.event_type;
  const fail = (error: z.ZodError): ParsedLiveCallback => ({ ok: false, message: summarize(error) });
  if (type === CALLBACK_EVENT.streamBegin || type === CALLBACK_EVENT.streamEnd) {
    const r = streamEventSchema.safeParse(body);
    return r.success ? { ok: true, event: { kind: "stream", body: r.data } } : fail(r.error);
  }
  if (type === CALLBACK_EVENT.recordFile) {
    const r = recordFileSchema.safeParse(body);
    return r.success ? { ok: true, event: { kind: "recordFile", body: r.data } } : fail(r.error);
  }
  if (type === CALLBACK_EVENT.recordStatus) {
    const r = recordStatusSchema.safeParse(body);
    return r.success ? { ok: true, event: { kind: "recordStatus", body: r.data } } : fail(r.error);
  }
  return { ok: true, event: { kind: "unknown", body: head.data } };
}

function summarize(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "body"}: ${i.message}`)
    .join("; ");
}

/**
 * Tencent's callback signature: lower-case hex MD5 of the callback key followed by the decimal `t`
 * (the signature's expiry, Unix seconds). Receivers compare it in constant time.
 */
export function callbackSign(key: string, t: number | string): string {
  return createHash("md5")
    .update(`${key}${String(t)}`, "utf8")
    .digest("hex");
}
