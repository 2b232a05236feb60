import { callbackSign } from "@/lib/tencent-live/callback-types";

export const KEY = "test-callback-key";
export const NOW = 1_795_000_000; // a fixed "now", Unix seconds

let seq = 0;

/** A signed body: `t` defaults to ten minutes after NOW, as Tencent signs them. */
export function signed(body: Record<string, unknown>, o: { key?: string; t?: number } = {}): Record<string, unknown> {
  const t = o.t ?? NOW + 600;
  return { ...body, t, sign: callbackSign(o.key ?? KEY, t) };
}

export function recordFileBody(o: Partial<Record<string, unknown>> = {}): Record<string, unknown> {
  const n = ++seq;
  return {
    event_type: 100,
    appid: 1250000000,
    app: "push.example.com",
    appname: "live",
    stream_id: "stream-a",
    channel_id: "stream-a",
    file_id: `52858907988664150${n}`,
    record_file_id: `52858907988664150${n}`,
    file_format: "mp4",
    task_id: "1-task",
    start_time: NOW - 3600,
    end_time: NOW - 600,
    duration: 3000,
    file_size: 123_456_789,
    video_url: `https://1250000000.vod2.myqcloud.com/abc/${n}/f0.mp4`,
    ...o,
  };
}

export function recordStatusBody(recordEvent: string, o: Partial<Record<string, unknown>> = {}) {
  return {
    event_type: 332,
    appid: 1250000000,
    domain: "push.example.com",
    appname: "live",
    stream_id: "stream-a",
    task_id: "1-task",
    session_id: `s-${++seq}`,
    seq: seq,
    event_time: NOW - 60,
    record_event: recordEvent,
    ...o,
  };
}

export function streamBody(eventType: 0 | 1, o: Partial<Record<string, unknown>> = {}) {
  return {
    event_type: eventType,
    appid: 1250000000,
    app: "push.example.com",
    appname: "live",
    stream_id: "stream-a",
    channel_id: "stream-a",
    event_time: NOW - 5,
    sequence: String(++seq),
    ...o,
  };
}

export function post(body: string | Record<string, unknown>, headers: Record<string, string> = {}): Request {
  return new Request("http://localhost/api/callbacks/live", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}
