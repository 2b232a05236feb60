import { createElement, type ComponentProps, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it } from "vitest";
import { readCatalog } from "@/lib/i18n/catalog";
import type { Locale } from "@/lib/i18n/locales";
import { CorrectRegistrationForm, type CorrectAction } from "@/components/tasks/correct-registration-form";
import { RegisterTaskForm, type RegisterAction } from "@/components/tasks/register-task-form";
import { StartFamilyChooser } from "@/components/tasks/start-family-chooser";
import { StartOutcomePanel, type StartAction, type StartOutcome } from "@/components/tasks/start-outcome";
import { StartRecordTaskForm } from "@/components/tasks/start-record-task-form";
import { StartRecordingForm } from "@/components/tasks/start-recording-form";
import { StopByIdForm } from "@/components/tasks/stop-by-id-form";
import type { StopAction } from "@/components/tasks/stop-task-button";

// The task forms as a person sees them in each language: rendered with the real catalogs, read as plain text.

const never = (() => new Promise(() => {})) as never;

async function text(locale: Locale, element: ReactElement): Promise<string> {
  const html = renderToStaticMarkup(
    createElement(
      NextIntlClientProvider,
      { locale, messages: await readCatalog(locale), timeZone: "UTC" } as ComponentProps<typeof NextIntlClientProvider>,
      element,
    ),
  );
  return html
    .replace(/<script[^>]*>.*?<\/script>/gs, " ")
    .replace(/<\/?(strong|span|a)\b[^>]*>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

const created: StartOutcome = {
  ok: true,
  requestId: "req-1",
  taskId: "4711",
  streamName: "room_1",
  state: "scheduled",
  startTimeCst: "2026-12-04 18:00:00",
  endTimeCst: "2026-12-04 19:30:00",
};

describe("Start recording, Register, Stop by ID and Correct in English and Chinese", () => {
  it("the new TaskId reads in English as the journeys expect, and in Chinese with the state translated", async () => {
    const en = await text("en", createElement(StartOutcomePanel, { result: created }));
    expect(en).toContain("Recording task 4711 created (scheduled).");
    expect(en).toContain("Sent as China Standard Time: 2026-12-04 18:00:00 → 2026-12-04 19:30:00.");
    expect(en).toContain("See it in the task list.");
    const zh = await text("zh-CN", createElement(StartOutcomePanel, { result: created }));
    expect(zh).toContain("录制任务 4711 已创建（待开始）。");
    expect(zh).toContain("已按中国标准时间发送：2026-12-04 18:00:00 → 2026-12-04 19:30:00。");
    expect(zh).toContain("req-1");
  });

  it("a start that timed out says in Chinese that the task may exist", async () => {
    const timedOut: StartOutcome = {
      ok: false,
      code: "RecDesk.Timeout",
      message: "timeout",
      mayExist: true,
      streamHref: "/streams/x",
    };
    const en = await text("en", createElement(StartOutcomePanel, { result: timedOut, typedStreamName: "room_1" }));
    expect(en).toContain(
      "The task may exist. Before trying again, check the stream's page and the task list; if a task appears in the Tencent Cloud console, register it here instead of creating a second one.",
    );
    const zh = await text("zh-CN", createElement(StartOutcomePanel, { result: timedOut, typedStreamName: "room_1" }));
    expect(zh).toContain("任务可能已创建。");
    expect(zh).toContain("未开始录制");
  });

  it("the family chooser offers RecordTask (recommended) first, in both languages", async () => {
    const chooser = createElement(StartFamilyChooser, { forms: { recordTask: null, legacy: null } });
    const en = await text("en", chooser);
    expect(en).toMatch(/^Task family RecordTask \(recommended\) ?CreateRecordTask: .* Legacy ?CreateLiveRecord: /);
    const zh = await text("zh-CN", chooser);
    expect(zh).toMatch(/^接口类型 RecordTask 接口（推荐） ?CreateRecordTask：.* 旧版接口 ?CreateLiveRecord：/);
  });

  it("the start forms speak Chinese, keep the zone names and leave the template names as Tencent sent them", async () => {
    const recordTask = createElement(StartRecordTaskForm, {
      action: never as StartAction,
      domains: ["5000.livepush.myqcloud.com"],
      templates: [{ templateId: 7, templateName: "My HLS template", formats: ["hls", "mp4"] }],
    });
    const en = await text("en", recordTask);
    expect(en).toContain("Stream name * App name * Push domain *");
    expect(en).toContain("UTC (this browser) Asia/Shanghai (China Standard Time)");
    expect(en).toContain("My HLS template — hls, mp4 (#7)");
    const zh = await text("zh-CN", recordTask);
    expect(zh).toContain("流名称 * 推流路径 * 推流域名 *");
    expect(zh).toContain("UTC（本浏览器） Asia/Shanghai（中国标准时间）");
    expect(zh).toContain("My HLS template — hls, mp4（#7）");
    expect(zh).toContain("开始录制");

    const legacy = await text(
      "zh-CN",
      createElement(StartRecordingForm, { action: never as StartAction, domains: [] }),
    );
    expect(legacy).toContain("实时录制（立即开始；最晚在 30 分钟后结束）");
    expect(legacy).not.toMatch(/Stream name|Record type|Start recording/);
  });

  it("Register, Stop by ID and Correct have no English left on a Chinese page but the API names", async () => {
    const pages = [
      createElement(RegisterTaskForm, { action: never as RegisterAction }),
      createElement(StopByIdForm, { action: never as StopAction }),
      createElement(CorrectRegistrationForm, {
        action: never as CorrectAction,
        initial: {},
        registered: { streamName: "room_1", appName: "live", domainName: "" },
      }),
    ];
    const zh = (await Promise.all(pages.map((p) => text("zh-CN", p)))).join(" ");
    expect(zh).toContain("当前登记为 room_1（推流路径 live）。");
    expect(zh).toContain("任务 ID");
    const english = zh
      .replace(/StreamName|RecordTask|room_\d+|live|\d+\.livepush\.myqcloud\.com/g, "")
      .match(/[A-Za-z]{3,}/g);
    expect(english).toBeNull();
    const en = await text("en", pages[2]!);
    expect(en).toContain("Registered now as room_1 (app live).");
  });
});
