import fs from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { demoAccounts, type DemoRole } from "./fixtures";
import { expectNoSeriousA11yViolations } from "./a11y";

// The language journeys: a first visit follows Accept-Language, the sign-in page's switch remembers the choice in
// a cookie, the header's switch stores it on the account. The account used here is set back to English at the
// end (and in afterAll, should a test stop half-way), so every other spec keeps reading English.
const ROLE: DemoRole = "manager";

const ZH = { email: "邮箱", password: "密码", submit: "登录" };
const EN = { email: "Email", password: "Password", submit: "Sign in" };

async function signInByForm(page: Page, labels: typeof EN) {
  const account = demoAccounts[ROLE];
  await page.goto("/sign-in");
  await page.getByLabel(labels.email, { exact: true }).fill(account.email);
  await page.getByLabel(labels.password, { exact: true }).fill(account.password);
  await page.getByRole("button", { name: labels.submit, exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/streams", { timeout: 30_000 });
}

async function expectLang(page: Page, lang: string) {
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
}

async function localeCookie(page: Page) {
  return (await page.context().cookies()).find((c) => c.name === "NEXT_LOCALE")?.value;
}

async function screenshots(page: Page, name: string) {
  fs.mkdirSync("docs/screenshots", { recursive: true });
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `docs/screenshots/${name}-${scheme}.png`, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: "light" });
}

/** Puts the account back to English through the header, as a person would. */
async function backToEnglish(browser: Browser) {
  const context = await browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  await signInByForm(page, EN);
  const english = page.getByRole("group", { name: "Language / 语言" }).getByRole("button", { name: "English" });
  if ((await english.getAttribute("aria-pressed")) !== "true") {
    await english.click();
    await expectLang(page, "en");
  }
  await context.close();
}

test.afterAll(async ({ browser }) => {
  await backToEnglish(browser);
});

test("a first visit from a Chinese browser gets the sign-in page in Chinese; the switch changes it and the cookie remembers", async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await expectLang(page, "zh-CN");
  await expect(page).toHaveTitle("登录 · RecDesk");
  await expect(page.getByRole("heading", { name: "登录", level: 1 })).toBeVisible();
  await expect(page.getByText("腾讯云直播录制控制台")).toBeVisible();
  await expect(page.getByLabel("邮箱", { exact: true })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "演示模式" })).toBeVisible();
  const languages = page.getByRole("group", { name: "Language / 语言" });
  await expect(languages.getByRole("button", { name: "中文" })).toHaveAttribute("aria-pressed", "true");

  // An empty form is refused in Chinese, the form and each field (no failed attempt counts towards throttling).
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("请输入邮箱和密码。");
  await expect(page.locator("#email-error")).toHaveText("请输入邮箱地址");
  await expect(page.locator("#password-error")).toHaveText("请输入密码");

  await languages.getByRole("button", { name: "English" }).click();
  await expectLang(page, "en");
  await expect(page.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();
  await expect(page.getByLabel("Email", { exact: true })).toBeVisible();
  expect(await localeCookie(page)).toBe("en");
  // The cookie wins over the browser's Accept-Language on the next visit.
  await page.reload();
  await expectLang(page, "en");
  await expect(page.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();

  await languages.getByRole("button", { name: "中文" }).click();
  await expectLang(page, "zh-CN");
  await expect(page.getByRole("heading", { name: "登录", level: 1 })).toBeVisible();
  expect(await localeCookie(page)).toBe("zh-CN");
  await context.close();
});

test("the header's switch stores the language on the account: a new browser signs in and gets it", async ({
  browser,
}) => {
  const first = await browser.newContext({ locale: "en-US" });
  const page = await first.newPage();
  await signInByForm(page, EN);
  await expectLang(page, "en");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Streams" })).toBeVisible();

  await page.getByRole("group", { name: "Language / 语言" }).getByRole("button", { name: "中文" }).click();
  await expectLang(page, "zh-CN");
  const zhNav = page.getByRole("navigation", { name: "主导航" });
  await expect(zhNav.getByRole("link")).toHaveText(["直播流", "录制任务", "录制文件", "批量任务", "操作审计"]);
  await expect(page.getByRole("button", { name: "退出登录" })).toBeVisible();
  await expect(page.getByTestId("current-user")).toContainText("经理");
  await first.close();

  // Another browser, English by its Accept-Language and without the cookie: after sign-in, the account decides.
  const second = await browser.newContext({ locale: "en-US" });
  const other = await second.newPage();
  await signInByForm(other, EN);
  await expectLang(other, "zh-CN");
  await expect(other.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "录制任务" })).toBeVisible();
  await other.goto("/no-such-page");
  await expect(other.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  await expect(other.getByRole("link", { name: "前往直播流" })).toBeVisible();
  await other.goto("/streams");

  await other.getByRole("group", { name: "Language / 语言" }).getByRole("button", { name: "English" }).click();
  await expectLang(other, "en");
  await expect(other.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tasks" })).toBeVisible();
  await expect(other.getByRole("button", { name: "Sign out" })).toBeVisible();
  await second.close();
});

test("@visual sign-in and the console shell in zh-CN, light and dark, pass axe in both languages", async ({
  browser,
}) => {
  // A tour of pages in two colour schemes (axe, screenshots): on a loaded 2-core machine it takes several times its
  // usual 15-60 s, so it gets slow()'s triple allowance; a hang still ends it.
  test.slow();
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await expectLang(page, "zh-CN");
  await screenshots(page, "sign-in-zh-CN");

  await signInByForm(page, ZH);
  await page.getByRole("group", { name: "Language / 语言" }).getByRole("button", { name: "中文" }).click();
  await expectLang(page, "zh-CN");
  await expect(page.getByRole("navigation", { name: "主导航" })).toBeVisible();
  await screenshots(page, "shell-zh-CN");

  await page.getByRole("group", { name: "Language / 语言" }).getByRole("button", { name: "English" }).click();
  await expectLang(page, "en");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await context.close();
});
