import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { CopyButton, RequestIdLine } from "@/components/ui/copy-button";
import { Pager } from "@/components/ui/pager";
import { renderIn, textOf } from "./ui-render";

const pager = (props: Partial<Parameters<typeof Pager>[0]> = {}) =>
  createElement(Pager, {
    page: 2,
    pageCount: 53,
    total: 1312,
    pageSize: 25,
    hrefFor: (p: number) => `/tasks?page=${p}`,
    ...props,
  });

describe("the shared components' own words, in both languages, with their props unchanged", () => {
  it("the copy button and RequestId line read as before in English", async () => {
    const html = await renderIn("en", createElement(RequestIdLine, { requestId: "req-1" }));
    expect(textOf(html)).toBe("RequestIdreq-1Copy");
    expect(html).toContain('aria-label="Copy RequestId req-1"');
    const plain = await renderIn("en", createElement(CopyButton, { value: "42" }));
    expect(plain).toContain('aria-label="Copy value 42"');
    const named = await renderIn("en", createElement(CopyButton, { value: "42", label: "Copy it", what: "TaskId" }));
    expect(named).toContain('aria-label="Copy it TaskId 42"');
  });

  it("the copy button and RequestId line in Chinese: 请求 ID, 复制", async () => {
    const html = await renderIn("zh-CN", createElement(RequestIdLine, { requestId: "req-1" }));
    expect(textOf(html)).toBe("请求 IDreq-1复制");
    expect(html).toContain('aria-label="复制请求 ID req-1"');
    // A caller's own words are kept as given.
    expect(await renderIn("zh-CN", createElement(RequestIdLine, { requestId: "r", label: "任务 ID" }))).toContain(
      'aria-label="复制任务 ID r"',
    );
  });

  it("the pager reads as before in English, tasks and jobs and any other noun", async () => {
    expect(textOf(await renderIn("en", pager()))).toBe("26–50 of 1312 tasks← PreviousPage 2 of 53Next →");
    expect(textOf(await renderIn("en", pager({ page: 1, pageCount: 1, total: 1, noun: "job" })))).toContain(
      "1–1 of 1 job",
    );
    expect(textOf(await renderIn("en", pager({ noun: "file" })))).toContain("26–50 of 1312 files");
    expect(textOf(await renderIn("en", pager({ totalExact: false, total: 10000, shown: 25 })))).toBe(
      "26–50 of more than 10,000 tasks← PreviousPage 2Next →",
    );
    expect(await renderIn("en", pager())).toContain('aria-label="Pages"');
  });

  it("the pager in Chinese", async () => {
    expect(textOf(await renderIn("zh-CN", pager()))).toBe(
      "第 26–50 条，共 1312 个录制任务← 上一页第 2 / 53 页下一页 →",
    );
    expect(textOf(await renderIn("zh-CN", pager({ noun: "job", totalExact: false, total: 10000 })))).toContain(
      "共超过 10,000 个批量任务",
    );
  });
});
