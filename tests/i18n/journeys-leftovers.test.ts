import { describe, expect, it } from "vitest";
import { formatLeftovers, judgeLeftovers } from "../../e2e/zh-leftovers-judge";

// The judging half of the zh-CN "nothing left in English" check (e2e/i18n-journeys.spec.ts): what passes as
// data or by its shape, and what is reported.
const words = (prose: string[], data: string[] = [], known: string[] = []) =>
  judgeLeftovers(
    prose.map((text) => ({ text, where: "p" })),
    data,
    known,
  ).map((l) => l.word);

describe("the zh-CN leftovers check", () => {
  it("passes Chinese with Tencent's codes, API names, IDs, acronyms, e-mails and hosts in it", () => {
    expect(
      words([
        "停止录制失败：ResourceNotFound.FreezeService",
        "调用 StopLiveRecord 时使用 TaskId 与 RequestId",
        "请求 ID 6f1c2f3e-5a0b-4c1d-8e2f-3a4b5c6d7e8f",
        "UTC 时间 00:01:00，格式 MP4 / FLV / HLS，单点登录（SSO）",
        "oncall@recdesk.local 在 3181.livepush.myqcloud.com 的 class_00038 上执行 auth.sign-in",
        "请联系 RecDesk 管理员",
        "Language / 语言",
        "English",
        "hls_vod — hls（#71001）",
        "archive_flv_mp4 — flv, mp4（#71002）",
        "混流（A+B=C）",
        "默认为 live",
      ]),
    ).toEqual([]);
  });

  it("reports English prose, word by word, once each, with the text it was seen in", () => {
    const found = judgeLeftovers(
      [
        { text: "Stop recording", where: "button" },
        { text: "停止 recording", where: "p" },
      ],
      [],
    );
    expect(found.map((l) => l.word)).toEqual(["Stop", "recording"]);
    expect(found[0]).toEqual({ word: "Stop", text: "Stop recording", where: "button" });
    expect(formatLeftovers("/tasks", found, true)).toBe("/tasks: 2 English word(s): Stop, recording");
    expect(formatLeftovers("/tasks", [])).toBe("/tasks: nothing left in English");
  });

  it("reports English units, abbreviations and prose in capitals", () => {
    expect(words(["运行超过 24h", "e.g. 例如", "OK — 链完整", "5 min 前"])).toEqual(["24h", "e.g", "OK", "min"]);
  });

  it("lets the page's data explain a word anywhere else on the page", () => {
    // "lobby" is a stream name the page shows as data (monospace, a link); a sentence may name it too.
    expect(words(["流 lobby 正在录制", "edu"], ["lobby", "edu"])).toEqual([]);
    expect(words(["流 lobby 正在录制"])).toEqual(["lobby"]);
  });

  it("lets the test say what is data: Tencent's message as sent, a reason it typed, a person's name", () => {
    const message = "Injected fault: ResourceNotFound.FreezeService.";
    expect(
      words([`ResourceNotFound.FreezeService — ${message}`, "Olive On-call"], [], [message, "Olive On-call"]),
    ).toEqual([]);
    expect(words([`ResourceNotFound.FreezeService — ${message}`])).toEqual(["Injected", "fault"]);
  });
});
