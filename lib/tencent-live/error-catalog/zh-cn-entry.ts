// How one Chinese explanation is written: the words only (code, retryable and accountLevel stay the English
// catalog's), and the shared Chinese next steps. The wording follows Tencent Cloud's Chinese error-code
// documentation (云直播 API 文档「错误码」与「公共错误码」) where it has one, in the console's words (docs/glossary.md).

export interface ZhTexts {
  title: string;
  meaning: string;
  nextStep: string;
}

export const ZH_TRY_AGAIN = "请 1 分钟后重试。如果问题持续出现，请带上请求 ID 联系腾讯云技术支持。";
export const ZH_FIX_CREDENTIALS =
  "需要管理员在 RecDesk 的配置中修正腾讯云 API 密钥（TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY）。";
export const ZH_REPORT_BUG = "请将此问题连同请求 ID 报告给 RecDesk 团队：这是 RecDesk 的缺陷。";

export function z(title: string, meaning: string, nextStep: string): ZhTexts {
  return { title, meaning, nextStep };
}

/** Mirrors entry.ts's `internal(what)`: Tencent's own Chinese name for the failure goes in the brackets. */
export const zhInternal = (what: string) =>
  z("腾讯云内部错误", `腾讯云内部出现问题（${what}），您的请求本身没有问题。`, ZH_TRY_AGAIN);
