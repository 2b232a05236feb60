import { createElement, type ComponentProps, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTranslator, NextIntlClientProvider } from "next-intl";
import { describe, expect, it } from "vitest";
import { formatDuration } from "@/components/bulk/format";
import { BulkTaskSelection } from "@/components/bulk/bulk-task-selection";
import { JobHistoryTable } from "@/components/bulk/job-history-table";
import { JobProgress } from "@/components/bulk/job-progress";
import { actorDisabledReason } from "@/lib/bulk/job-actor";
import { explainedCodes, parsePausedReason } from "@/lib/bulk/paused-reason";
import type { BulkJobView, JobProgressResponse } from "@/lib/bulk/types";
import { readCatalog } from "@/lib/i18n/catalog";
import type { Locale } from "@/lib/i18n/locales";
import { localizeExplanation } from "@/lib/i18n/live-errors";
import { explainLiveError } from "@/lib/tencent-live/errors";

const ARREARS = "ResourceNotFound.StopService";

function job(over: Partial<BulkJobView> = {}): BulkJobView {
  return {
    id: "6f1c2d3e-0000-4000-8000-000000000001",
    state: "done",
    pausedReason: null,
    reason: "INC-4711 runaway recordings",
    createdAt: "2026-01-01T00:00:00.000Z",
    startedAt: "2026-01-01T00:00:01.000Z",
    finishedAt: "2026-01-01T00:02:05.000Z",
    createdByEmail: "oncall@recdesk.local",
    createdByRole: "oncall",
    counts: { total: 1234, pending: 1, sending: 0, stopped: 1200, failed: 30, cancelled: 3 },
    recordTaskItems: 0,
    ratePerSecond: 187.5,
    secondsLeft: null,
    durationMs: 124_000,
    ...over,
  };
}

type Say = (key: string, values?: Record<string, string | number>) => string;

/** One namespace's messages in this language (the catalogs are untyped JSON to the compiler). */
async function translator(locale: Locale, namespace: string): Promise<Say> {
  const t = createTranslator({ locale, messages: await readCatalog(locale), namespace: namespace as never });
  return (key, values) => t(key as never, values as never);
}

/** What a page in this language shows: the component rendered with that language's catalogs, as plain text. */
async function render(locale: Locale, node: ReactNode): Promise<string> {
  const html = renderToStaticMarkup(
    createElement(
      NextIntlClientProvider,
      { locale, messages: await readCatalog(locale), timeZone: "UTC" } as ComponentProps<typeof NextIntlClientProvider>,
      createElement(QueryClientProvider, { client: new QueryClient() }, node),
    ),
  );
  return html
    .replace(/<[^>]+>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/&#x27;/g, "'");
}

function progress(over: Partial<BulkJobView>): JobProgressResponse {
  const j = job(over);
  const explanations = Object.fromEntries(explainedCodes(j, []).map((c) => [c, explainLiveError(c)]));
  return { job: j, items: { items: [], total: 0 }, explanations };
}

describe("bulk jobs in English (as before the catalogs) and in Chinese", () => {
  it("durations read as before in English, and in Chinese units", async () => {
    for (const locale of ["en", "zh-CN"] as const) {
      const t = await translator(locale, "bulk.duration");
      const say = (ms: number) => formatDuration(ms, t);
      if (locale === "en")
        expect([say(5_000), say(184_000), say(7_500_000)]).toEqual(["5 s", "3 min 4 s", "2 h 5 min"]);
      else expect([say(5_000), say(184_000), say(7_500_000)]).toEqual(["5 秒", "3 分 4 秒", "2 小时 5 分"]);
    }
  });

  it("a paused reason is read back from the stored English sentence, and says it again word for word", async () => {
    const t = await translator("en", "bulk.progress");
    const stored = actorDisabledReason("gone@recdesk.local");
    const parsed = parsePausedReason(stored);
    expect(parsed).toEqual({ kind: "actor-disabled", code: "RecDesk.CreatorDisabled", email: "gone@recdesk.local" });
    expect(t("pausedReasonActor", parsed as { code: string; email: string })).toBe(stored);

    // lib/bulk/pause-rule.ts stores "Code: Title. Next step" for an account-level error.
    const e = explainLiveError(ARREARS);
    const live = `${ARREARS}: ${e.title}. ${e.nextStep}`;
    expect(parsePausedReason(live)).toMatchObject({ kind: "live-error", code: ARREARS });
    expect(t("pausedReasonLive", { code: ARREARS, title: e.title, nextStep: e.nextStep })).toBe(live);
    expect(explainedCodes({ pausedReason: live }, [{ errorCode: "InternalError" }, { errorCode: null }])).toEqual([
      "InternalError",
      ARREARS,
    ]);
    expect(parsePausedReason("something else")).toEqual({ kind: "other", text: "something else" });
  });

  it("the job page's progress reads as before in English, with the pause explained", async () => {
    const e = explainLiveError(ARREARS);
    const pausedReason = `${ARREARS}: ${e.title}. ${e.nextStep}`;
    const text = await render(
      "en",
      createElement(JobProgress, {
        jobId: "j",
        initial: progress({ state: "paused", pausedReason }),
        stopLimitPerSecond: 200,
        recordTaskStopLimitPerSecond: 20,
        retryAction: async () => ({ ok: true as const, affected: 1 }),
      }),
    );
    expect(text).toContain("Progress");
    expect(text).toContain("1,233 of 1,234 done");
    expect(text).toContain("187.5/s");
    expect(text).toContain("0.938 of StopLiveRecord's 200/s");
    expect(text).toContain("2 min 4 s");
    expect(text).toContain("Retry failed and resume");
    expect(text).toContain(
      `Paused: ${pausedReason} Pending items wait; press “Retry failed and resume” once the account is fixed.`,
    );
    expect(text).toContain("Audit records of this job");
    expect(text).toContain("0 item(s)");
  });

  it("the job page's progress is in Chinese, with Tencent's code kept as it is", async () => {
    const text = await render(
      "zh-CN",
      createElement(JobProgress, {
        jobId: "j",
        initial: progress({ state: "paused", pausedReason: actorDisabledReason("gone@recdesk.local") }),
        stopLimitPerSecond: 200,
        recordTaskStopLimitPerSecond: 20,
      }),
    );
    expect(text).toContain("进度");
    expect(text).toContain("已暂停");
    expect(text).toContain("已完成 1,233 / 1,234");
    expect(text).toContain("187.5 个/秒");
    expect(text).toContain("StopLiveRecord 上限 200 个/秒的 0.938");
    expect(text).toContain("RecDesk.CreatorDisabled：该批量任务以 gone@recdesk.local 的名义发送停止请求");
    expect(text).toContain("直到值班工程师恢复该批量任务");
    expect(text).toContain("该批量任务的审计记录");
    expect(text).not.toMatch(/Progress|Paused|Pending items|Audit records/);
  });

  it("a job with RecordTasks is read against the best its lanes allow, in English and in Chinese", async () => {
    const limits = { stopLimitPerSecond: 200, recordTaskStopLimitPerSecond: 20 };
    // 1,000 legacy and 200 RecordTask items: max(1000/200, 200/20) = 10 s at best, 120 items/s.
    const mixed = progress({ counts: { ...job().counts, total: 1200 }, recordTaskItems: 200, ratePerSecond: 117 });
    const en = await render("en", createElement(JobProgress, { jobId: "j", initial: mixed, ...limits }));
    expect(en).toContain("0.975 of this job's best, 120/s (StopLiveRecord 200/s and StopRecordTask 20/s side by side)");
    const zh = await render("zh-CN", createElement(JobProgress, { jobId: "j", initial: mixed, ...limits }));
    expect(zh).toContain(
      "本批量任务最快 120 个/秒的 0.975（StopLiveRecord 200 个/秒与 StopRecordTask 20 个/秒同时进行）",
    );
    const onlyRecordTasks = progress({
      counts: { ...job().counts, total: 40 },
      recordTaskItems: 40,
      ratePerSecond: 19.6,
    });
    expect(
      await render("en", createElement(JobProgress, { jobId: "j", initial: onlyRecordTasks, ...limits })),
    ).toContain("0.980 of StopRecordTask's 20/s");
    expect(
      await render("zh-CN", createElement(JobProgress, { jobId: "j", initial: onlyRecordTasks, ...limits })),
    ).toContain("StopRecordTask 上限 20 个/秒的 0.980");
  });

  it("a job paused by Tencent's account-level error is explained in Chinese, the code kept as Tencent sent it", async () => {
    const code = "ResourceNotFound.FreezeService";
    const e = explainLiveError(code);
    const zh = localizeExplanation(e, "zh-CN");
    const initial: JobProgressResponse = {
      job: job({ state: "paused", pausedReason: `${code}: ${e.title}. ${e.nextStep}` }),
      items: { items: [], total: 0 },
      explanations: { [code]: zh },
    };
    const text = await render(
      "zh-CN",
      createElement(JobProgress, { jobId: "j", initial, stopLimitPerSecond: 200, recordTaskStopLimitPerSecond: 20 }),
    );
    expect(text).toContain(`已暂停：${code}：${zh.title}。${zh.nextStep}`);
    expect(text).not.toContain(e.title);
  });

  it("the history table reads as before in English and in Chinese otherwise", async () => {
    const en = await render("en", createElement(JobHistoryTable, { jobs: [job()] }));
    expect(en).toContain("StartedByReasonStateStoppedFailedPendingCancelledDurationAudit");
    expect(en).toContain("oncall@recdesk.localoncall");
    expect(en).toContain("done");
    expect(en).toContain("2 min 4 s");
    const zh = await render("zh-CN", createElement(JobHistoryTable, { jobs: [job()] }));
    expect(zh).toContain("开始时间发起人原因状态已停止失败待发送已取消耗时审计");
    expect(zh).toContain("已完成");
    expect(zh).toContain("值班工程师");
    expect(zh).toContain("2 分 4 秒");
    expect(await render("zh-CN", createElement(JobHistoryTable, { jobs: [] }))).toBe("尚未运行过批量任务。");
  });

  it("the selection bar reads as before in English, and in Chinese otherwise", async () => {
    const bar = createElement(BulkTaskSelection, {
      rows: [],
      now: "2026-01-01T00:00:00.000Z",
      filters: {},
      stoppable: 1234,
      previewAction: async () => ({ ok: false as const, code: "X", message: "x" }),
      createAction: async () => ({ ok: false as const, code: "X", message: "x" }),
    });
    const en = await render("en", bar);
    for (const s of ["0 selected", "Select all 1,234 stoppable matching this filter", "Running longer than", "24 h"])
      expect(en).toContain(s);
    expect(en).toContain("Select runawaysStop selected…");
    const zh = await render("zh-CN", bar);
    for (const s of ["已选择 0 个", "选择符合当前筛选条件的全部 1,234 个可停止录制任务", "录制时长超过", "24 小时"])
      expect(zh).toContain(s);
  });

  it("the confirmation counts with plurals, and English reads as before", async () => {
    const en = await translator("en", "bulk.dialog");
    const zh = await translator("zh-CN", "bulk.dialog");
    expect(en("title", { count: 1 })).toBe("Stop 1 recording task");
    expect(en("title", { count: 1234 })).toBe("Stop 1,234 recording tasks");
    expect(en("willStop", { count: 1, rate: 200 })).toBe(
      "1 task will be stopped with StopLiveRecord by the server, at up to 200 calls per second. Closing this tab does not stop the job.",
    );
    expect(en("submit", { count: 1234 })).toBe("Stop 1,234 tasks");
    expect(zh("title", { count: 1234 })).toBe("停止 1,234 个录制任务");
    expect(zh("willStop", { count: 3, rate: 200 })).toBe(
      "服务器将调用 StopLiveRecord 停止 3 个录制任务，最多每秒 200 次调用。关闭此页面不会停止该批量任务。",
    );
  });
});
