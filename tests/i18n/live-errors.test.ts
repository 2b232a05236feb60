import { describe, expect, it } from "vitest";
import { RECORD_TASK_CODES } from "@/lib/tencent-live/error-catalog/record-task-codes";
import { explainLiveError, KNOWN_LIVE_ERROR_CODES, type LiveErrorExplanation } from "@/lib/tencent-live/errors";
import { localizeExplanation, ZH_LIVE_ERROR_CODES, ZH_RECORD_TASK_CODES } from "@/lib/i18n/live-errors";
import { ZH_TASK_FLOW_CODES } from "@/lib/i18n/live-errors-task-flows";
import { explainTaskError } from "@/lib/tasks/local-errors";
import type { LiveAction } from "@/lib/tencent-live/types";

const HAN = /\p{Script=Han}/u;
const LATIN_WORD = /\b(?!(?:RecDesk|RequestId|TaskId|SecretId|SecretKey)\b)[a-z]{4,}\b/;

/** Every English explanation the catalog can give: each code, and each RecordTask action's own reading. */
const EXPLANATIONS: Array<[string, LiveErrorExplanation]> = [
  ...KNOWN_LIVE_ERROR_CODES.map((code): [string, LiveErrorExplanation] => [code, explainLiveError(code)]),
  ...Object.entries(RECORD_TASK_CODES).flatMap(([action, codes]) =>
    Object.keys(codes).map((code): [string, LiveErrorExplanation] => [
      `${action} ${code}`,
      explainLiveError(code, undefined, action as LiveAction),
    ]),
  ),
];

function expectChinese(zh: LiveErrorExplanation, en: LiveErrorExplanation) {
  for (const field of ["title", "meaning", "nextStep"] as const) {
    expect(zh[field], field).toMatch(HAN);
    expect(zh[field], field).not.toBe(en[field]);
    // Chinese punctuation: no ASCII sentence ends or commas between Chinese words.
    expect(zh[field], field).not.toMatch(/\p{Script=Han}[,.;:]/u);
  }
  expect({ ...zh, title: "", meaning: "", nextStep: "" }).toEqual({ ...en, title: "", meaning: "", nextStep: "" });
}

describe("the Tencent error catalog in Chinese", () => {
  it("has a Chinese entry for every English code, and none for a code the English catalog lacks", () => {
    expect(Object.keys(ZH_LIVE_ERROR_CODES).sort()).toEqual([...KNOWN_LIVE_ERROR_CODES].sort());
    expect(Object.keys(ZH_RECORD_TASK_CODES).sort()).toEqual(Object.keys(RECORD_TASK_CODES).sort());
    for (const [action, codes] of Object.entries(RECORD_TASK_CODES))
      expect(Object.keys(ZH_RECORD_TASK_CODES[action as keyof typeof ZH_RECORD_TASK_CODES]).sort(), action).toEqual(
        Object.keys(codes).sort(),
      );
  });

  it.each(EXPLANATIONS)("%s reads in Chinese, with the same code, retryable and accountLevel", (_, en) => {
    expectChinese(localizeExplanation(en, "zh-CN"), en);
  });

  it.each(Object.keys(ZH_TASK_FLOW_CODES))("the task flows' own %s reads in Chinese too", (code) => {
    const en = explainTaskError(code);
    expect(en.meaning, "lib/tasks/local-errors.ts still explains it").not.toBe(explainLiveError(code).meaning);
    expectChinese(localizeExplanation(en, "zh-CN"), en);
  });

  it("says ResourceNotFound.FreezeService in Tencent's words and keeps it account-level", () => {
    const en = explainLiveError("ResourceNotFound.FreezeService", "Service suspended.");
    const zh = localizeExplanation(en, "zh-CN");
    expect(zh.meaning).toContain("用户服务已冻结");
    expect(zh).toMatchObject({ code: "ResourceNotFound.FreezeService", retryable: false, accountLevel: true });
    expect(localizeExplanation(explainLiveError("FailedOperation.AlterTaskState"), "zh-CN").meaning).toContain(
      "修改任务状态失败",
    );
  });

  it("tells a RecordTask action's own reading apart from the general one", () => {
    const stop = localizeExplanation(explainLiveError("InvalidParameter", undefined, "StopRecordTask"), "zh-CN");
    const del = localizeExplanation(explainLiveError("InvalidParameter", undefined, "DeleteRecordTask"), "zh-CN");
    const general = localizeExplanation(explainLiveError("InvalidParameter"), "zh-CN");
    expect(stop.meaning).toContain("未停止任何任务");
    expect(del.meaning).toContain("未删除任何任务");
    expect(general.title).toBe("参数错误");
  });

  it("keeps English exactly as the catalog wrote it, and passes undefined through", () => {
    for (const [, en] of EXPLANATIONS) expect(localizeExplanation(en, "en")).toBe(en);
    expect(localizeExplanation(undefined, "zh-CN")).toBeUndefined();
  });

  it("leaves words the catalog did not write unchanged", () => {
    const custom: LiveErrorExplanation = {
      code: "Vendor.Unknown",
      title: "Something odd",
      meaning: "A caller's own words.",
      nextStep: "Do this.",
      retryable: true,
      accountLevel: false,
    };
    expect(localizeExplanation(custom, "zh-CN")).toBe(custom);
    // A known code with words changed by a caller is not overwritten by the catalog's Chinese either.
    const changed = { ...explainLiveError("InternalError"), nextStep: "A caller's own next step." };
    expect(localizeExplanation(changed, "zh-CN")).toBe(changed);
  });

  it("explains an unseen sub-code by its family, keeping Tencent's message as sent", () => {
    const en = explainLiveError("RequestLimitExceeded.NewKind", "Too many, slow down.");
    const zh = localizeExplanation(en, "zh-CN");
    expectChinese(zh, en);
    expect(zh.meaning).toContain("（错误码 RequestLimitExceeded.NewKind）");
    expect(zh.meaning).toContain("“Too many, slow down.”");
    expect(zh.retryable).toBe(true);
  });

  it("explains a code RecDesk has never heard of with its generic words, keeping Tencent's message as sent", () => {
    const en = explainLiveError("Vendor.Unknown", 'He said "hi".');
    const zh = localizeExplanation(en, "zh-CN");
    expectChinese(zh, en);
    expect(zh.title).toBe("未知错误 Vendor.Unknown");
    expect(zh.meaning).toBe('RecDesk 无法识别错误码 Vendor.Unknown。腾讯云返回信息：“He said "hi".”。');
    const none = localizeExplanation(explainLiveError(""), "zh-CN");
    expect(none.title).toBe("未知错误（无错误码）");
    expect(none.meaning).toBe("RecDesk 无法识别此错误（无错误码）。");
  });

  it("leaves no stray English word in the Chinese catalog beyond codes, names and settings", () => {
    for (const [label, en] of EXPLANATIONS) {
      const zh = localizeExplanation(en, "zh-CN");
      const words = [zh.title, zh.meaning, zh.nextStep]
        .join(" ")
        .replace(/https?:\/\/\S+|[A-Za-z_]+(?:[.-][A-Za-z_]+)+/g, "");
      expect(words.replace(/\b[A-Z][A-Za-z]*\b/g, ""), label).not.toMatch(LATIN_WORD);
    }
  });
});
