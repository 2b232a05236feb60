import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { callbackSign, parseLiveCallback } from "@/lib/tencent-live/callback-types";

const signed = { appid: 12345678, t: 1703732078, sign: "df49f5d4" };

describe("callback wire types", () => {
  it("signs as MD5(key + t) in lower-case hex", () => {
    const expected = createHash("md5").update("mykey1703732078").digest("hex");
    expect(callbackSign("mykey", 1703732078)).toBe(expected);
    expect(callbackSign("mykey", "1703732078")).toBe(expected);
  });

  it("parses a stream begin body as Tencent's documentation shows it", () => {
    const r = parseLiveCallback({
      ...signed,
      app: "test.domain.com",
      appname: "live",
      channel_id: "test_stream",
      errcode: 0,
      errmsg: "ok",
      event_time: 1703731478,
      event_type: 1,
      height: 0,
      idc_id: 34,
      node: "42.81.194.37",
      sequence: "2210464508206756938",
      set_id: 2,
      stream_id: "test_stream",
      stream_param: "stream_param=test",
      user_ip: "1.1.1.1",
      width: 0,
    });
    expect(r.ok && r.event.kind).toBe("stream");
  });

  it("parses a record file and a record status body", () => {
    const file = parseLiveCallback({
      ...signed,
      event_type: 100,
      app: "push.example.com",
      appname: "live",
      stream_id: "s1",
      channel_id: "s1",
      file_id: "5285890799932209567",
      record_file_id: "5285890799932209567",
      file_format: "mp4",
      task_id: "",
      start_time: 1703731478,
      end_time: 1703733278,
      duration: 1800,
      file_size: 123456789,
      video_url: "https://1253.vod2.myqcloud.com/a/b/f0.mp4",
    });
    expect(file.ok && file.event.kind).toBe("recordFile");
    const status = parseLiveCallback({
      ...signed,
      event_type: 332,
      domain: "push.example.com",
      appname: "live",
      stream_id: "s1",
      event_time: 1703731478,
      record_event: "record_ended",
      record_detail: { file_format: 3, start_model: 5 },
    });
    expect(status.ok && status.event.kind).toBe("recordStatus");
  });

  it("keeps an unknown event_type and refuses a body without a signature or with a bad record_event", () => {
    const unknown = parseLiveCallback({ ...signed, event_type: 321, stream_id: "s1" });
    expect(unknown.ok && unknown.event.kind).toBe("unknown");
    expect(parseLiveCallback({ event_type: 1, appid: 1 }).ok).toBe(false);
    const bad = parseLiveCallback({
      ...signed,
      event_type: 332,
      domain: "d",
      appname: "live",
      stream_id: "s1",
      event_time: 1,
      record_event: "record_exploded",
    });
    expect(bad.ok).toBe(false);
  });
});
