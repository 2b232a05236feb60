import { createElement, type ComponentProps } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it } from "vitest";
import { LiveErrorPanel, type LiveErrorPanelProps } from "@/components/ui/live-error-panel";
import { readCatalog } from "@/lib/i18n/catalog";
import { localizeExplanation } from "@/lib/i18n/live-errors";
import type { Locale } from "@/lib/i18n/locales";
import { explainLiveError } from "@/lib/tencent-live/errors";

const TENCENT_MESSAGE = "Service suspended.";

async function render(locale: Locale, props: Partial<LiveErrorPanelProps> = {}) {
  const explanation = localizeExplanation(
    explainLiveError("ResourceNotFound.FreezeService", TENCENT_MESSAGE, "StopRecordTask"),
    locale,
  );
  const panel = createElement(LiveErrorPanel, {
    code: "ResourceNotFound.FreezeService",
    message: TENCENT_MESSAGE,
    explanation,
    requestId: "3c140219-cfe9-470e-b241-907877d6fb03",
    onDismiss: () => {},
    ...props,
  });
  const provider = { locale, messages: await readCatalog(locale), timeZone: "UTC" } as ComponentProps<
    typeof NextIntlClientProvider
  >;
  const html = renderToStaticMarkup(createElement(NextIntlClientProvider, provider, panel));
  // Adjacent text reads as one (React marks the seams with <!-- -->); every element boundary is a "|".
  return html
    .replaceAll("<!-- -->", "")
    .replace(/<[^>]+>/g, "|")
    .replace(/\|+/g, "|");
}

describe("the error panel in both languages", () => {
  it("reads in English exactly as before the catalogs", async () => {
    const text = await render("en");
    expect(text).toContain("|The call failed: Live service frozen|");
    expect(text).toContain("|Dismiss|");
    expect(text).toContain("|What happened: |Tencent Cloud froze the Live service on this account.|");
    expect(text).toContain("|Next step: |The account owner must contact Tencent Cloud");
    expect(await render("en", { heading: "Stop failed" })).toContain("|Stop failed: Live service frozen|");
  });

  it("reads in Chinese, with the code and Tencent's message as Tencent sent them", async () => {
    const text = await render("zh-CN");
    expect(text).toContain("|调用失败：云直播服务已冻结|");
    expect(text).toContain("|关闭|");
    expect(text).toContain("|说明：|用户服务已冻结：");
    expect(text).toContain("|处理建议：|请账号所有者联系腾讯云");
    expect(text).toContain("|ResourceNotFound.FreezeService|");
    expect(text).toContain(`— ${TENCENT_MESSAGE}`);
    expect(await render("zh-CN", { heading: "停止录制失败" })).toContain("|停止录制失败：云直播服务已冻结|");
  });

  it("shows the code as the title when there is no explanation", async () => {
    expect(await render("zh-CN", { explanation: undefined })).toContain("|调用失败：ResourceNotFound.FreezeService|");
  });
});
