import { createElement, type ComponentProps, type ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { createTranslator, NextIntlClientProvider } from "next-intl";
import { readCatalog } from "@/lib/i18n/catalog";
import { localizeExplanation } from "@/lib/i18n/live-errors";
import type { Locale } from "@/lib/i18n/locales";
import { buildStreamsPage } from "@/lib/streams/streams-page";
import { StreamsQuerySchema } from "@/lib/streams/query";
import { explainLiveError } from "@/lib/tencent-live/errors";
import { formatDuration, formatUtcFor, type TimeText } from "@/components/streams/time-format";
import { RefreshStatus } from "@/components/streams/refresh-status";
import { StreamsPager, type StreamsPagerProps } from "@/components/streams/streams-pager";
import { StreamsTable } from "@/components/streams/streams-table";
import { StreamsToolbar } from "@/components/streams/streams-toolbar";
import { UpstreamErrorPanel } from "@/components/streams/upstream-error-panel";
import type { StreamsPage } from "@/lib/streams/types";
import { StreamsView } from "@/app/(console)/streams/streams-view";

/** What a person reads: the markup's text, tags dropped, entities undone. */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, "")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

// The provider with its children passed the usual way (its props type insists on a `children` prop).
const Provider = NextIntlClientProvider as ComponentType<
  Omit<ComponentProps<typeof NextIntlClientProvider>, "children">
>;

async function render<P extends object>(locale: Locale, component: ComponentType<P>, props: P): Promise<string> {
  const messages = await readCatalog(locale);
  return renderToStaticMarkup(
    createElement(Provider, { locale, messages, timeZone: "UTC" }, createElement(component, props)),
  );
}

async function timeText(locale: Locale): Promise<TimeText> {
  return createTranslator({
    locale,
    messages: await readCatalog(locale),
    namespace: "streams.time",
  }) as unknown as TimeText;
}

const MIN = 60_000;
const HOUR = 60 * MIN;

describe("the Streams pages in English and Chinese", () => {
  it("writes how long a stream has been live as before in English, and in Chinese units in zh-CN", async () => {
    const en = await timeText("en");
    const zh = await timeText("zh-CN");
    const cases: [number, string, string][] = [
      [3 * 24 * HOUR + 4 * HOUR + 5 * MIN, "3 d 4 h", "3 天 4 小时"],
      [2 * HOUR + 5 * MIN + 9_000, "2 h 05 min", "2 小时 5 分钟"],
      [2 * HOUR + 35 * MIN, "2 h 35 min", "2 小时 35 分钟"],
      [12 * MIN + 59_000, "12 min", "12 分钟"],
      [40_500, "40 s", "40 秒"],
      [-5_000, "0 s", "0 秒"],
    ];
    for (const [ms, english, chinese] of cases) {
      expect(formatDuration(ms, en)).toBe(english);
      expect(formatDuration(ms, zh)).toBe(chinese);
    }
    expect(en("ago", { duration: formatDuration(12 * MIN, en) })).toBe("12 min ago");
    expect(zh("ago", { duration: formatDuration(12 * MIN, zh) })).toBe("12 分钟前");
    expect(formatUtcFor("2026-01-01T00:01:00.000Z", en)).toBe("2026-01-01 00:01:00 UTC");
    expect(formatUtcFor("2026-01-01T00:01:00.000Z", zh)).toBe("UTC 时间 2026-01-01 00:01:00");
  });

  const pager = (patch: Partial<StreamsPagerProps>): StreamsPagerProps => ({
    page: 1,
    pageCount: 25,
    pageSize: 50,
    pageSizes: [25, 50],
    matched: 1234,
    total: 1234,
    onPageChange: () => {},
    onPageSizeChange: () => {},
    ...patch,
  });

  it("counts the streams shown with the numbers formatted for the language", async () => {
    const count = (html: string) => text(/data-testid="streams-count">(.*?)<\/p>/.exec(html)![1]!);
    expect(count(await render("en", StreamsPager, pager({})))).toBe("Showing 1–50 of 1,234 online");
    expect(count(await render("en", StreamsPager, pager({ matched: 2, pageCount: 1 })))).toBe(
      "Showing 1–2 of 2 (filtered from 1,234 online)",
    );
    expect(count(await render("en", StreamsPager, pager({ matched: 0 })))).toBe(
      "No matches (filtered from 1,234 online)",
    );
    expect(count(await render("en", StreamsPager, pager({ matched: 0, total: 0 })))).toBe("No matches online");

    const zh = await render("zh-CN", StreamsPager, pager({ matched: 2, pageCount: 1 }));
    expect(count(zh)).toBe("显示第 1–2 个，共 2 个匹配（筛选自 1,234 个在线流）");
    expect(text(zh)).toContain("每页行数");
    expect(text(zh)).toContain("第 1 / 1 页");
    expect(zh).toContain('aria-label="直播流列表分页"');
  });

  it("labels the search and filters in the page's language, keeping the English labels the journeys select by", async () => {
    const props = {
      search: "",
      onSearchChange: () => {},
      domain: "",
      app: "",
      domains: ["push.example.com"],
      apps: ["live"],
      onDomainChange: () => {},
      onAppChange: () => {},
    };
    const en = text(await render("en", StreamsToolbar, props));
    for (const label of ["Search stream name", "Domain", "App", "All domains", "All apps"]) expect(en).toContain(label);
    const zh = await render("zh-CN", StreamsToolbar, props);
    for (const label of ["搜索流名称", "推流域名", "推流路径", "全部推流域名"]) expect(text(zh)).toContain(label);
    expect(zh).toContain('placeholder="流名称的一部分，例如 room_1"');
    expect(zh).toContain("push.example.com");
  });

  it("says when the list was fetched, in the form the journeys read in English", async () => {
    const fetchedAt = new Date(Date.now() - 3_000).toISOString();
    const props = { fetchedAt, paused: false, onPausedChange: () => {}, intervalSeconds: 30 };
    const en = text(await render("en", RefreshStatus, props));
    expect(en).toMatch(/^Last fetched \d\d:\d\d:\d\d \(\d+ s ago\) · auto-refresh every 30 s/);
    expect(en).toContain("Pause auto-refresh");
    const zh = text(await render("zh-CN", RefreshStatus, { ...props, paused: true }));
    expect(zh).toMatch(/^上次获取 \d\d:\d\d:\d\d（\d+ 秒前） · 自动刷新已暂停/);
    expect(zh).toContain("恢复自动刷新");
  });

  it("heads the table and its empty state in the page's language", async () => {
    const props = {
      rows: [],
      sort: "age-desc" as const,
      onSortChange: () => {},
      loading: false,
      updating: false,
      empty: "—",
    };
    const en = await render("en", StreamsTable, props);
    expect(en).toContain('aria-label="Online streams"');
    expect(text(en)).toContain("Publishing since· oldest first⇅");
    const zh = await render("zh-CN", StreamsTable, props);
    expect(zh).toContain('aria-label="在线流"');
    for (const heading of ["推流域名", "推流路径", "流名称", "开始推流时间", "推流时长", "运行中的任务"])
      expect(text(zh)).toContain(heading);
  });

  it("tells how old the list on screen is when Tencent's online list fails, keeping Tencent's code and message", async () => {
    const error = {
      code: "ResourceNotFound.StopService",
      message: "service stopped",
      requestId: "r-1",
      kind: "api" as const,
      at: "2026-01-01T10:00:00.000Z",
      explanation: explainLiveError("ResourceNotFound.StopService"),
    };
    const props = { error, hasData: true, fetchedAt: "2026-01-01T09:59:00.000Z" };
    const en = text(await render("en", UpstreamErrorPanel, props));
    expect(en).toContain("Tencent Cloud did not return the stream list");
    expect(en).toMatch(/Failed at \d\d:\d\d:\d\d\. The list below is the last good one, from \d\d:\d\d:\d\d; RecDesk/);
    const zh = text(await render("zh-CN", UpstreamErrorPanel, props));
    expect(zh).toContain("腾讯云未返回直播流列表");
    expect(zh).toContain("RecDesk 会继续重试");
    expect(zh).toContain("ResourceNotFound.StopService");
    expect(zh).toContain("service stopped");
  });

  it("gives the list's upstream error its explanation in the viewer's language", async () => {
    const lastError = {
      code: "ResourceNotFound.FreezeService",
      message: "frozen",
      kind: "api" as const,
      at: "2026-01-01T10:00:00.000Z",
    };
    const snapshot = {
      index: null,
      total: 0,
      pages: 0,
      fetchedAt: null,
      lastError,
      sweeping: false,
      ttlMs: 1000,
    };
    const query = StreamsQuerySchema.parse({});
    const noDb = () => Promise.reject(new Error("no database needed"));
    const zh = await buildStreamsPage(noDb, snapshot, query, "zh-CN");
    expect(zh.lastError?.code).toBe("ResourceNotFound.FreezeService");
    expect(zh.lastError?.message).toBe("frozen");
    expect(zh.lastError?.explanation).toEqual(
      localizeExplanation(explainLiveError(lastError.code, lastError.message), "zh-CN"),
    );
    expect(zh.lastError?.explanation.meaning).toMatch(/[\u4e00-\u9fff]/);
    const en = await buildStreamsPage(noDb, snapshot, query);
    expect(en.lastError?.explanation).toEqual(explainLiveError(lastError.code, lastError.message));
  });
});

describe("the Streams list page as first rendered", () => {
  const page = (patch: Partial<StreamsPage>): StreamsPage => ({
    rows: [
      {
        domainName: "push.example.com",
        appName: "live",
        streamName: "room_00001",
        publishingSince: "2026-01-01T00:00:00.000Z",
        publishTimes: ["2026-01-01T00:00:00.000Z"],
        runningTasks: 2,
      },
    ],
    matched: 1,
    total: 1,
    page: 1,
    pageSize: 50,
    pageCount: 1,
    facets: { domains: ["push.example.com"], apps: ["live"] },
    fetchedAt: "2026-01-01T00:10:00.000Z",
    lastError: null,
    sweepPages: 1,
    ttlMs: 1000,
    ...patch,
  });
  const query = StreamsQuerySchema.parse({});

  it("reads in Chinese, stream names and API names as they are", async () => {
    const html = await render("zh-CN", StreamsView, {
      initialQuery: query,
      initialData: page({ taskCountsError: "connection refused" }),
    });
    const zh = text(html);
    expect(zh).toContain("直播流");
    expect(zh).toContain("账号下所有在线的直播流，来自 DescribeLiveStreamOnlineList。");
    expect(zh).toContain("运行中的任务数暂不可用：无法读取任务登记表：connection refused");
    expect(zh).toContain("room_00001");
    expect(html).toContain('title="UTC 时间 2026-01-01 00:00:00"');
    expect(zh).toContain("显示第 1–1 个，共 1 个在线流");
  });

  it("keeps the English words as before", async () => {
    const en = text(
      await render("en", StreamsView, {
        initialQuery: { ...query, q: "nothing" },
        initialData: page({ rows: [], matched: 0, taskCountsError: "connection refused" }),
      }),
    );
    expect(en).toContain("Every stream online on the account, from DescribeLiveStreamOnlineList.");
    expect(en).toContain("Running-task counts are unavailable: Could not read the task registry: connection refused");
    expect(en).toContain("No online stream matches these filters. Clear filters");
    expect(en).toContain("No matches (filtered from 1 online)");
  });
});
