import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { RecordingTable } from "@/components/recordings/recording-table";
import { RecordingFailureNotice } from "@/components/recordings/recording-failure";
import { RecordingFiltersForm } from "@/components/recordings/recording-filters";
import { durationParts, formatBytes, formatSeconds } from "@/components/recordings/format";
import type { RecordingRow } from "@/lib/recordings/definitions";
import { renderIn, textOf, translator } from "./ui-render";

const row: RecordingRow = {
  id: 1,
  domainName: "push.example.com",
  appName: "live",
  streamName: "s1",
  taskId: "987",
  fileId: "5285890781763144364",
  fileFormat: "mp4",
  startTime: "2026-01-01T00:00:00.000Z",
  endTime: "2026-01-01T01:02:05.000Z",
  durationSeconds: 3725,
  fileSize: 123_456_789,
  videoUrl: "https://1250000000.vod2.myqcloud.com/a/b/f0.mp4",
};
const table = () => createElement(RecordingTable, { rows: [row], caption: "Recording files", showStream: true });

describe("the Recordings page in both languages", () => {
  it("keeps the English table, durations, sizes and the copy button's name as before", async () => {
    const html = await renderIn("en", table());
    const text = textOf(html);
    for (const heading of ["Stream", "Format", "Start → end (UTC)", "Duration", "Size", "File", "Task"])
      expect(text).toContain(heading);
    expect(text).toContain("2026-01-01 00:00:00 UTC");
    expect(text).toContain("1 h 02 min 05 s");
    expect(text).toContain("118 MB");
    expect(text).toContain("Open video mp4 file 5285890781763144364 (opens in a new tab)");
    expect(html).toContain('title="123456789 bytes"');
    expect(html).toContain('aria-label="Copy file id 5285890781763144364"');
  });

  it("says durations, sizes and labels in Chinese, with dates keeping their UTC zone", async () => {
    const html = await renderIn("zh-CN", table());
    const text = textOf(html);
    expect(text).toContain("开始 → 结束（UTC）");
    expect(text).toContain("2026-01-01 00:00:00 UTC");
    expect(text).toContain("1 小时 02 分 05 秒");
    expect(text).toContain("118 MB");
    expect(text).toContain("打开视频");
    expect(html).toContain('aria-label="复制文件 ID 5285890781763144364"');
    expect(html).toContain('title="123456789 字节"');
    expect(text).not.toMatch(/Duration|Open video|Copy/);
  });

  it("formats sizes and durations for the language, English unchanged", async () => {
    expect(formatBytes(5 * 1024 ** 3, "en")).toBe("5.0 GB");
    expect(formatBytes(1023 * 1024 ** 2, "en")).toBe("1023 MB");
    expect(formatBytes(5 * 1024 ** 3, "zh-CN")).toBe("5.0 GB");
    expect(formatBytes(5 * 1024 ** 3, "de")).toBe("5,0 GB");
    const en = await translator("en", "recordings.duration");
    const zh = await translator("zh-CN", "recordings.duration");
    for (const seconds of [0, 9, 250, 3725, 86_399]) {
      const { key, values } = durationParts(seconds);
      expect(en(key, values)).toBe(formatSeconds(seconds));
    }
    const say = (seconds: number) => zh(durationParts(seconds).key, durationParts(seconds).values);
    expect(say(9)).toBe("9 秒");
    expect(say(250)).toBe("4 分 10 秒");
  });

  it("explains a failed recording in either language, Tencent's words left as sent", async () => {
    const failure = {
      taskId: "987",
      recordEvent: "record_error",
      eventTime: "2026-01-01T00:01:00.000Z",
      errorText: "disk full",
    };
    const en = textOf(await renderIn("en", createElement(RecordingFailureNotice, { failure })));
    expect(en).toBe(
      "Recording failed at 2026-01-01 00:01:00 UTC" +
        "Tencent reported record_error for task 987: disk full. Check the stream is still pushing and the recording template, then start the recording again.",
    );
    const zh = textOf(await renderIn("zh-CN", createElement(RecordingFailureNotice, { failure })));
    expect(zh).toContain("录制失败");
    expect(zh).toContain("record_error");
    expect(zh).toContain("disk full");
    expect(zh).toContain("987");
    const bare = textOf(
      await renderIn(
        "en",
        createElement(RecordingFailureNotice, { failure: { ...failure, taskId: null, errorText: "record_error" } }),
      ),
    );
    expect(bare).toContain("Tencent reported record_error. Check the stream");
  });

  it("the filter form keeps its English labels and has Chinese ones", async () => {
    const en = textOf(await renderIn("en", createElement(RecordingFiltersForm, { values: {} })));
    for (const word of ["Stream name", "Push domain", "Started on (UTC)", "Any format", "Filter", "Clear"])
      expect(en).toContain(word);
    const zh = textOf(await renderIn("zh-CN", createElement(RecordingFiltersForm, { values: {} })));
    for (const word of ["流名称", "推流域名", "开始日期（UTC）", "筛选"]) expect(zh).toContain(word);
  });
});
