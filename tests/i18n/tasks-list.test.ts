import { createElement, type ComponentProps, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createTranslator, NextIntlClientProvider } from "next-intl";
import { describe, expect, it } from "vitest";
import { readCatalog } from "@/lib/i18n/catalog";
import type { Locale } from "@/lib/i18n/locales";
import type { TaskView } from "@/lib/tasks/definitions";
import { formatAge, type AgeTranslator } from "@/components/tasks/format";
import { TaskTable } from "@/components/tasks/task-table";
import { SweepStatusLine } from "@/components/tasks/sweep-status";
import { StopOutcomePanel } from "@/components/tasks/stop-outcome";
import { TaskFiltersForm } from "@/components/tasks/task-filters";

async function render(locale: Locale, element: ReactElement): Promise<string> {
  const messages = await readCatalog(locale);
  const html = renderToStaticMarkup(
    createElement(
      NextIntlClientProvider,
      { locale, messages, timeZone: "UTC" } as ComponentProps<typeof NextIntlClientProvider>,
      element,
    ),
  );
  return html;
}

/** The text a person (or Playwright's toContainText) reads: tags gone, entities decoded. */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
}

const NOW = "2026-01-01T12:00:00.000Z";
const row: TaskView = {
  taskId: "1234567",
  family: "legacy",
  templateId: null,
  deletedAt: null,
  domainName: "push.example.com",
  appName: "live",
  streamName: "room_00012",
  state: "recording",
  mode: "realtime",
  fileFormat: "mp4",
  recordType: "video",
  startTime: "2026-01-01T09:55:00.000Z",
  endTime: null,
  source: "registered",
  createdByEmail: "oncall@example.com",
  createdAt: "2026-01-01T09:55:00.000Z",
  stoppedAt: null,
  lastAction: "stop",
  lastActionAt: "2026-01-01T10:00:00.000Z",
  lastActionBy: "oncall@example.com",
  lastOk: "error",
  lastRequestId: "req-1",
  lastErrorCode: "FailedOperation.AlterTaskState",
  lastErrorMessage: "task is recording",
};

describe("the Tasks list reads as before in English and in Tencent console Chinese in zh-CN", () => {
  it("ages: '2h 05m' in English, '2 小时 05 分钟' in Chinese, and the future says so", async () => {
    const en = createTranslator({ locale: "en", messages: await readCatalog("en"), namespace: "tasks.age" });
    const zh = createTranslator({ locale: "zh-CN", messages: await readCatalog("zh-CN"), namespace: "tasks.age" });
    const cases: [string, string, string][] = [
      ["2026-01-01T11:48:00Z", "12m", "12 分钟"],
      ["2026-01-01T09:55:00Z", "2h 05m", "2 小时 05 分钟"],
      ["2025-12-29T08:00:00Z", "3d 4h", "3 天 4 小时"],
      ["2026-01-01T12:30:00Z", "in 30m", "30 分钟后"],
    ];
    for (const [from, english, chinese] of cases) {
      expect(formatAge(from, NOW, en as unknown as AgeTranslator)).toBe(english);
      expect(formatAge(from, NOW, zh as unknown as AgeTranslator)).toBe(chinese);
    }
    expect(formatAge(null, NOW, en as unknown as AgeTranslator)).toBe("—");
  });

  it("a row: English headers, state, family and last action unchanged; Chinese from the glossary", async () => {
    const recordings = {
      [row.taskId]: [1, 2, 3].map((id) => ({
        id,
        domainName: row.domainName,
        appName: row.appName,
        streamName: row.streamName,
        taskId: row.taskId,
        fileId: `f${id}`,
        fileFormat: "MP4",
        startTime: NOW,
        endTime: NOW,
        durationSeconds: 60,
        fileSize: 1000,
        videoUrl: "https://example.com/v.mp4",
      })),
    };
    const props = { rows: [row], now: NOW, auditLinks: true, correctLinks: true, recordings };
    const en = text(await render("en", createElement(TaskTable, props)));
    for (const s of [
      "Recording tasks",
      "Start → end",
      "Created / registered by",
      "Last action",
      "Legacy",
      "recording",
      "2h 05m",
      "registered",
      "stop failed: FailedOperation.AlterTaskState",
      "Audit history",
      "Correct registration",
      "until ",
      "3 recording files of task 1234567",
    ])
      expect(en).toContain(s);
    expect(await render("en", createElement(TaskTable, props))).toContain(
      'aria-label="Correct registration of task 1234567"',
    );

    const zh = text(await render("zh-CN", createElement(TaskTable, props)));
    for (const s of [
      "任务 ID",
      "开始 → 结束",
      "旧版接口",
      "录制中",
      "2 小时 05 分钟",
      "登记",
      "停止 失败：FailedOperation.AlterTaskState",
      "审计记录",
      "更正登记",
      "任务 1234567 的 3 个录制文件",
    ])
      expect(zh).toContain(s);
    expect(zh).not.toMatch(/Recording tasks|Last action|Audit history|recording files/);
  });

  it("an empty list and the families' badges in both languages", async () => {
    expect(text(await render("en", createElement(TaskTable, { rows: [], now: NOW })))).toBe(
      "No recording tasks match.",
    );
    expect(text(await render("zh-CN", createElement(TaskTable, { rows: [], now: NOW })))).toBe(
      "没有符合条件的录制任务。",
    );
    const recordTask = { ...row, family: "recordTask" as const, taskId: "rt-1", state: "stopping" as const };
    const zh = text(await render("zh-CN", createElement(TaskTable, { rows: [recordTask], now: NOW })));
    expect(zh).toContain("RecordTask 接口");
    expect(zh).toContain("停止中…");
  });

  it("the filters: option values stay the stored values, labels are translated, hours and days counted", async () => {
    const props = { filters: { runningHours: 48 }, domains: ["push.example.com"] };
    const en = await render("en", createElement(TaskFiltersForm, props));
    expect(en).toContain('aria-label="Filter tasks"');
    expect(text(en)).toContain("1 hour6 hours1 day3 days48 hours");
    const zh = await render("zh-CN", createElement(TaskFiltersForm, props));
    expect(zh).toContain('<option value="recording">录制中</option>');
    expect(zh).toContain('<option value="legacy">旧版接口</option>');
    expect(text(zh)).toContain("1 小时6 小时1 天3 天48 小时");
  });

  it("the sweep status: the code and RequestId stay as sent, the sentence is translated", async () => {
    const status = {
      lastSuccessAt: "2026-01-01T11:00:00.000Z",
      lastError: {
        code: "RequestLimitExceeded",
        title: "Too many requests",
        nextStep: "Wait a minute.",
        requestId: "req-sweep",
        at: "2026-01-01T11:30:00.000Z",
      },
    };
    expect(text(await render("en", createElement(SweepStatusLine, { status })))).toContain(
      "RecordTasks could not be listed (RequestLimitExceeded, at 2026-01-01 11:30 UTC): Too many requests. Wait a minute. RecordTask rows are as of 2026-01-01 11:00 UTC.",
    );
    const zh = text(await render("zh-CN", createElement(SweepStatusLine, { status })));
    expect(zh).toContain("无法列出 RecordTask 任务（RequestLimitExceeded，2026-01-01 11:30 UTC）：");
    expect(zh).toContain("req-sweep");
    expect(text(await render("en", createElement(SweepStatusLine, { status: { lastSuccessAt: null } })))).toBe(
      "RecordTasks listed from Tencent Cloud — not yet.",
    );
    expect(text(await render("zh-CN", createElement(SweepStatusLine, { status: { lastSuccessAt: null } })))).toBe(
      "尚未从腾讯云同步 RecordTask 任务。",
    );
  });

  it("a Stop's outcome: 'Tencent Cloud accepted the Stop.' in English, Chinese in zh-CN, RequestId as sent", async () => {
    const result = {
      ok: true as const,
      taskId: "1234567",
      streamName: "room_00012",
      state: "stopped" as const,
      requestId: "req-9",
    };
    const en = text(await render("en", createElement(StopOutcomePanel, { result, onDismiss: () => {} })));
    expect(en).toContain("Stopped task 1234567 (room_00012)");
    expect(en).toContain("Tencent Cloud accepted the Stop.");
    expect(en).toContain("Dismiss");
    const zh = text(await render("zh-CN", createElement(StopOutcomePanel, { result, onDismiss: () => {} })));
    expect(zh).toContain("已停止任务 1234567（room_00012）");
    expect(zh).toContain("腾讯云已接受停止请求。");
    expect(zh).toContain("req-9");
  });

  it("the Stop and Delete confirmations read exactly as before in English", async () => {
    const t = createTranslator({ locale: "en", messages: await readCatalog("en"), namespace: "tasks" });
    const plain = (chunks: unknown) => (Array.isArray(chunks) ? chunks.join("") : String(chunks));
    const tags = { strong: plain, where: plain, id: plain, consequence: () => "C" };
    expect(
      t.markup(
        "stop.descriptionWithPlace" as never,
        { ...tags, streamName: "s1", place: "d / a", taskId: "42" } as never,
      ),
    ).toBe("Stream s1 (d / a), TaskId 42. Tencent Cloud ends the recording and will not restart it.");
    expect(t.markup("delete.description" as never, { ...tags, streamName: "s1", taskId: "42" } as never)).toBe(
      "Stream s1, TaskId 42. C",
    );
    expect(t("delete.consequenceRecordTask" as never)).toContain("It does NOT stop a recording that is running now");
    const zh = createTranslator({ locale: "zh-CN", messages: await readCatalog("zh-CN"), namespace: "tasks" });
    expect(zh("delete.consequenceRecordTask" as never)).toContain("不会停止正在进行的录制");
    expect(zh("reason.tooShort" as never, { min: 3 } as never)).toBe("请填写原因（至少 3 个字符）：它将记入操作审计。");
  });
});
