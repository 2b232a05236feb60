import { createHash } from "node:crypto";
import { CALLBACK_EVENT, type RecordEvent } from "../callback-types";
import type { TemplateUrlField } from "./callback-config";
import type { RecordingEnded, RecordingStarted } from "./recording-events";

// Builds the bodies Tencent sends (§1.10c), without `t` and `sign`: those are added at each attempt,
// so a retry carries a fresh expiry and otherwise the very same fields. Everything derived from the
// recording (file id, session id, sizes) is a hash of it, so the same recording always yields the same
// body, as a receiver's deduplication expects.

export interface PendingCallback {
  urlField: TemplateUrlField;
  body: Record<string, unknown>;
}

/** The simulated account's APPID (Tencent's is a 10-digit number). */
export const SIM_APPID = 1500000000;

const FORMAT_CODE: Record<string, number> = { flv: 1, hls: 2, mp4: 3, aac: 4, mp3: 5 };
/** Plausible bitrates, bits per second: a 720p video push, or audio alone. */
const VIDEO_BPS = 2_500_000;
const AUDIO_BPS = 128_000;

function digest(...parts: (string | number)[]): string {
  return createHash("sha256").update(parts.join("|")).digest("hex");
}

/** A VOD-style file id: 19 decimal digits, as Tencent's look. */
function fileIdOf(r: RecordingEnded): string {
  return `52858907${(BigInt(`0x${digest("file", r.taskId, r.startMs).slice(0, 12)}`) % 10n ** 11n).toString().padStart(11, "0")}`;
}

function sessionIdOf(r: { taskId: string; startMs: number; streamName: string }): string {
  return digest("session", r.taskId, r.startMs, r.streamName).slice(0, 32);
}

const seconds = (ms: number) => Math.floor(ms / 1000);
const taskIdField = (r: RecordingStarted | RecordingEnded) => (r.family === "recordTask" ? r.taskId : "");

export function streamEvent(
  kind: "begin" | "end",
  s: { domainName: string; appName: string; streamName: string; sequence: string; pushStartMs: number },
  now: number,
): PendingCallback {
  const begin = kind === "begin";
  return {
    urlField: begin ? "StreamBeginNotifyUrl" : "StreamEndNotifyUrl",
    body: {
      appid: SIM_APPID,
      app: s.domainName,
      appname: s.appName,
      stream_id: s.streamName,
      channel_id: s.streamName,
      event_type: begin ? CALLBACK_EVENT.streamBegin : CALLBACK_EVENT.streamEnd,
      event_time: seconds(now),
      sequence: s.sequence,
      node: "127.0.0.1",
      user_ip: "127.0.0.1",
      stream_param: "",
      errcode: begin ? 0 : 1,
      errmsg: begin ? "ok" : "The pusher closed the connection",
      ...(begin ? {} : { push_duration: String(Math.max(0, now - s.pushStartMs)) }),
      set_id: 2,
      width: 1280,
      height: 720,
    },
  };
}

function recordStatus(
  r: RecordingStarted | RecordingEnded,
  recordEvent: RecordEvent,
  seq: number,
  eventMs: number,
  fileFormat: string,
): PendingCallback {
  return {
    urlField: "RecordStatusNotifyUrl",
    body: {
      appid: SIM_APPID,
      domain: r.domainName,
      appname: r.appName,
      stream_id: r.streamName,
      task_id: taskIdField(r),
      session_id: sessionIdOf(r),
      seq,
      event_type: CALLBACK_EVENT.recordStatus,
      event_time: seconds(eventMs),
      record_event: recordEvent,
      record_detail: {
        file_format: FORMAT_CODE[fileFormat.toLowerCase()] ?? 1,
        record_bps: 0,
        start_model: 5, // started through the API
        record_content: 1,
        source_type: 0,
        codec_temp_id: "",
      },
    },
  };
}

/** 332 record_start_succeeded. The format is not known at start for legacy tasks; FLV is the default. */
export function recordingStarted(r: RecordingStarted, fileFormat = "flv"): PendingCallback {
  return recordStatus(r, "record_start_succeeded", 1, r.startMs, fileFormat);
}

/** 332 record_ended, then the file (100): Tencent reports the file once it is written. */
export function recordingEnded(r: RecordingEnded): PendingCallback[] {
  const format = r.fileFormat.toLowerCase();
  const durationS = Math.max(0, Math.round((r.endMs - r.startMs) / 1000));
  const audio = format === "aac" || format === "mp3";
  const bps = audio ? AUDIO_BPS : VIDEO_BPS;
  const fileId = fileIdOf(r);
  const ext = format === "hls" ? "m3u8" : format;
  const name = `${r.streamName}_${seconds(r.startMs)}_${seconds(r.endMs)}`;
  const file: PendingCallback = {
    urlField: "RecordNotifyUrl",
    body: {
      appid: SIM_APPID,
      app: r.domainName,
      appname: r.appName,
      stream_id: r.streamName,
      channel_id: r.streamName,
      event_type: CALLBACK_EVENT.recordFile,
      file_id: fileId,
      record_file_id: fileId,
      record_temp_id: "",
      file_format: format,
      task_id: taskIdField(r),
      start_time: seconds(r.startMs),
      end_time: seconds(r.endMs),
      start_time_usec: (r.startMs % 1000) * 1000,
      end_time_usec: (r.endMs % 1000) * 1000,
      duration: durationS,
      file_size: Math.round((durationS * bps) / 8) + 1024,
      video_url: `https://${SIM_APPID}.vod2.myqcloud.com/${digest("dir", fileId).slice(0, 8)}/${fileId}/${encodeURIComponent(name)}.${ext}`,
      media_start_time: 0,
      record_bps: 0,
      callback_ext: JSON.stringify({
        video_codec: audio ? "" : "h264",
        audio_codec: "aac",
        resolution: audio ? "" : "1280x720",
        session_id: sessionIdOf(r),
      }),
    },
  };
  return [recordStatus(r, "record_ended", 2, r.endMs, format), file];
}
