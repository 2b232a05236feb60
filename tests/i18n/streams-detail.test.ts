import { createElement, type ComponentProps, type ComponentType, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createTranslator, NextIntlClientProvider } from "next-intl";
import { readCatalog } from "@/lib/i18n/catalog";
import type { Locale } from "@/lib/i18n/locales";
import { explainLiveError } from "@/lib/tencent-live/errors";

// A stream's page is rendered on the server: its pieces read the request's language from next-intl/server, which
// here answers with the language a test chooses.
const request = vi.hoisted(() => ({ locale: "en" as "en" | "zh-CN" }));
vi.mock("next-intl/server", async () => {
  const { createTranslator: translator } = await import("next-intl");
  const { readCatalog: read } = await import("@/lib/i18n/catalog");
  return {
    getLocale: async () => request.locale,
    getTranslations: async (namespace: string) =>
      translator({ locale: request.locale, messages: await read(request.locale), namespace: namespace as never }),
  };
});

const { StreamStatePanel } = await import("@/components/streams/stream-state-panel");
const { PublishTimes } = await import("@/components/streams/publish-times");

const Provider = NextIntlClientProvider as ComponentType<
  Omit<ComponentProps<typeof NextIntlClientProvider>, "children">
>;

/** The server component's answer, rendered with the client catalogs around it, as text. */
async function show(locale: Locale, render: () => Promise<ReactNode>): Promise<string> {
  request.locale = locale;
  const element = render();
  const messages = await readCatalog(locale);
  const html = renderToStaticMarkup(createElement(Provider, { locale, messages, timeZone: "UTC" }, await element));
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, " ");
}

beforeEach(() => {
  request.locale = "en";
});

describe("a stream's page in English and Chinese", () => {
  it("explains a state Tencent would not give in the reader's language, Tencent's code and message untouched", async () => {
    const state = {
      ok: false as const,
      code: "ResourceNotFound.FreezeService",
      message: "The service is frozen.",
      requestId: "11111111-2222-3333-4444-555555555555",
      explanation: explainLiveError("ResourceNotFound.FreezeService", "The service is frozen."),
    };
    const en = await show("en", () => StreamStatePanel({ state }));
    expect(en).toContain("Could not read the stream state");
    expect(en).toContain("contact Tencent Cloud");
    expect(en).toContain("Tencent advises treating a stream as possibly live when its state cannot be read.");

    const zh = await show("zh-CN", () => StreamStatePanel({ state }));
    expect(zh).toContain("无法查询直播流状态");
    expect(zh).toContain("请账号所有者联系腾讯云");
    expect(zh).toContain("ResourceNotFound.FreezeService");
    expect(zh).toContain("The service is frozen.");
    expect(zh).toContain(state.requestId);
    expect(zh).not.toContain("contact Tencent Cloud");
  });

  it("names each stream state in Tencent's console words, keeping the raw value beside it", async () => {
    const state = { ok: true as const, state: "forbid" as const, requestId: "r-1" };
    expect(await show("en", () => StreamStatePanel({ state }))).toMatch(
      /State \W* Forbidden forbid The stream is banned/,
    );
    const zh = await show("zh-CN", () => StreamStatePanel({ state }));
    expect(zh).toMatch(/状态 \W* 禁播 forbid 此直播流已被禁播（ForbidLiveStream）/);
  });

  it("writes publish times with their age and zone in the reader's language", async () => {
    const now = Date.parse("2026-01-01T02:05:30Z");
    const times = ["2026-01-01T00:00:00Z"];
    const en = await show("en", () => PublishTimes({ times, now }));
    expect(en).toContain("(2026-01-01 00:00:00 UTC; 2 h 05 min ago)");
    const zh = await show("zh-CN", () => PublishTimes({ times, now }));
    expect(zh).toContain("（UTC 时间 2026-01-01 00:00:00；2 小时 5 分钟前）");
    expect(zh).toMatch(/2026年1月1日/);
    expect(await show("zh-CN", () => PublishTimes({ times: [], now }))).toContain("腾讯云未列出推流时间。");
  });

  it("keeps the English the journeys read for the stream's sections", async () => {
    const t = createTranslator({ locale: "en", messages: await readCatalog("en"), namespace: "streams.detail" });
    const en = (key: string, values?: Record<string, string | number>) => t(key as never, values as never);
    expect(en("invalidHeading")).toBe("Invalid stream link (400)");
    expect(en("backToStreams")).toBe("Back to Streams");
    expect(en("tasksCounts", { known: 3, running: 1 })).toBe("(3 known, 1 running)");
    expect(en("notInList", { time: "2026-01-01 00:00:00 UTC" })).toBe(
      "Not in the online stream list fetched at 2026-01-01 00:00:00 UTC.",
    );
  });
});
