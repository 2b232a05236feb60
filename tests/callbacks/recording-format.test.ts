import { describe, expect, it } from "vitest";
import { formatBytes, formatSeconds, safeVideoHref } from "@/components/recordings/format";

describe("how a recording file is shown", () => {
  it("links only http(s) video URLs: a callback body must never plant a javascript: link", () => {
    expect(safeVideoHref("https://1250000000.vod2.myqcloud.com/a/b/f0.mp4")).toBe(
      "https://1250000000.vod2.myqcloud.com/a/b/f0.mp4",
    );
    expect(safeVideoHref("http://example.com/x.flv")).toBe("http://example.com/x.flv");
    for (const bad of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<b>x</b>", "not a url", ""])
      expect(safeVideoHref(bad)).toBeNull();
  });

  it("gives sizes and durations as a person reads them", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(123_456_789)).toBe("118 MB");
    expect(formatBytes(5 * 1024 ** 3)).toBe("5.0 GB");
    expect(formatSeconds(9)).toBe("9 s");
    expect(formatSeconds(250)).toBe("4 min 10 s");
    expect(formatSeconds(3725)).toBe("1 h 02 min 05 s");
  });
});
