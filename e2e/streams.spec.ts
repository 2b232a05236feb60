import { expect, test, type Page } from "@playwright/test";
import { e2eEnv } from "../playwright.config";
import { signInAs, type DemoRole } from "./fixtures";
import { sim } from "./simulator-control";
import { expectNoSeriousA11yViolations } from "./a11y";

// The Streams journey: find a live stream among all online ones, narrow the list, open its page, and keep
// working when Tencent's online list call fails.

const ROLES: DemoRole[] = ["support", "oncall", "manager", "admin"];

const rows = (page: Page) => page.getByTestId("stream-row");
/** The table shows the answer to the current query (not the previous page's rows kept while loading). */
const settled = (page: Page) => expect(page.getByTestId("streams-table")).toHaveAttribute("aria-busy", "false");

test.afterEach(async () => {
  await sim("faults", "DELETE");
});

for (const role of ROLES) {
  test(`${role} finds a stream by name and domain and opens its page`, async ({ page }) => {
    await signInAs(page, role, "/streams");
    await expect(rows(page).first()).toBeVisible();
    await expect(page.getByTestId("last-fetched")).toContainText(/Last fetched \d\d:\d\d:\d\d \(\d+ s ago\)/);
    await expect(page.getByTestId("streams-count")).toContainText("online");

    // Search: as you type (no debounce), server-side, and kept in the address bar.
    const name = (await page.getByTestId("stream-link").nth(3).textContent())!.trim();
    const part = name.slice(0, Math.min(name.length, 9));
    await page.getByLabel("Search stream name").fill(part);
    await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(part)}`));
    await settled(page);
    await expect(page.getByTestId("stream-link").filter({ hasText: name })).toBeVisible();
    for (const text of await page.getByTestId("stream-link").allTextContents())
      expect(text.toLowerCase()).toContain(part.toLowerCase());

    // Domain filter, then clear the search: every row is on that domain.
    await page.getByLabel("Search stream name").fill("");
    const domainSelect = page.getByLabel("Domain");
    const domain = (await domainSelect.locator("option").nth(1).getAttribute("value"))!;
    await domainSelect.selectOption(domain);
    await expect(page).toHaveURL(new RegExp(`domain=${encodeURIComponent(domain)}`));
    await expect(page).not.toHaveURL(/[?&]q=/);
    await settled(page);
    await expect(page.getByTestId("streams-count")).toContainText("filtered from");
    for (const cell of await page.getByTestId("stream-domain").allTextContents()) expect(cell).toBe(domain);

    // Newest first.
    await page.getByTestId("sort-by-age").click();
    await expect(page).toHaveURL(/sort=age-asc/);
    await settled(page);
    await expect(page.getByRole("columnheader", { name: /Publishing since/ })).toHaveAttribute(
      "aria-sort",
      "ascending",
    );

    // The detail page, reached by keyboard from the list.
    const link = page.getByTestId("stream-link").first();
    const streamName = (await link.textContent())!.trim();
    await link.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("stream-title")).toHaveText(streamName);
    await expect(page.getByTestId("stream-state")).toHaveAttribute("data-state", "active");
    await expect(page.getByTestId("stream-state").getByTestId("request-id")).toHaveText(/^[0-9a-f-]{36}$/);
    await expect(page.getByTestId("publish-times")).toBeVisible();
    await expect(page.getByTestId("tasks-link")).toHaveAttribute(
      "href",
      `/tasks?stream=${encodeURIComponent(streamName)}`,
    );
  });
}

test("when Tencent's online list fails, the last good list stays with the error code, RequestId and explanation", async ({
  page,
}) => {
  await signInAs(page, "support", "/streams");
  await expect(rows(page).first()).toBeVisible();
  const before = await page.getByTestId("streams-count").textContent();

  await sim("faults", "POST", {
    action: "DescribeLiveStreamOnlineList",
    mode: "error",
    code: "ResourceNotFound.StopService",
    count: 1000,
  });
  await page.waitForTimeout(e2eEnv.streamsCacheTtlMs + 500); // past the server's cache TTL: the next read sweeps again

  // A filter change asks the server, whose sweep now fails: the list stays and the error appears beside it.
  await page.getByLabel("App").selectOption({ index: 1 });
  const panel = page.getByTestId("streams-upstream-error");
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId("error-code")).toHaveText("ResourceNotFound.StopService");
  await expect(panel.getByTestId("request-id")).toHaveText(/^[0-9a-f-]{36}$/);
  await expect(panel.getByTestId("error-meaning")).toContainText("balance");
  await expect(panel.getByTestId("stale-note")).toContainText("last good one");
  await expect(rows(page).first()).toBeVisible();
  await page.screenshot({ path: "docs/screenshots/streams-upstream-error-light.png" });

  // A fresh load (server-rendered) shows the same: data kept, error explained.
  await page.getByLabel("App").selectOption("");
  await page.reload();
  await expect(page.getByTestId("streams-upstream-error")).toBeVisible();
  await expect(page.getByTestId("streams-count")).toHaveText(before!);
  await expectNoSeriousA11yViolations(page);

  // Recovery clears the panel on the next sweep.
  await sim("faults", "DELETE");
  await page.waitForTimeout(e2eEnv.streamsCacheTtlMs + 500);
  await page.reload();
  await expect(page.getByTestId("streams-upstream-error")).toHaveCount(0);
  await expect(rows(page).first()).toBeVisible();
});

test("a stream state the API cannot read is explained on the detail page", async ({ page }) => {
  await signInAs(page, "oncall", "/streams");
  const href = (await page.getByTestId("stream-link").first().getAttribute("href"))!;
  await sim("faults", "POST", {
    action: "DescribeLiveStreamState",
    mode: "error",
    code: "ResourceNotFound.FreezeService",
    count: 1,
  });
  await page.goto(href);
  const panel = page.getByTestId("stream-state-error");
  await expect(panel.getByTestId("error-code")).toHaveText("ResourceNotFound.FreezeService");
  await expect(panel.getByTestId("request-id")).toBeVisible();
  await expect(panel.getByTestId("error-next-step")).toContainText("contact Tencent Cloud");
});

test("on-call stops a running recording from its stream's page and sees the RequestId", async ({ page }) => {
  await signInAs(page, "oncall", "/streams");
  const withTasks = rows(page)
    .filter({ has: page.locator("[data-testid=running-tasks] span.rounded-full") })
    .first();
  await expect(withTasks).toBeVisible();
  await withTasks.getByTestId("stream-link").click();
  const row = page
    .getByTestId("task-row")
    .filter({ has: page.getByTestId("stop-button") })
    .first();
  const taskId = (await row.getAttribute("data-task-id"))!;
  await row.getByTestId("stop-button").click();
  await page.getByLabel("Reason").fill("e2e: stream page stop");
  await page.getByTestId("confirm-stop").click();
  await expect(page.getByTestId("stop-success").getByTestId("request-id")).toHaveText(/^[0-9a-f-]{36}$/);
  await expect(page.locator(`[data-testid=task-row][data-task-id="${taskId}"]`)).toHaveAttribute(
    "data-state",
    "stopped",
  );
});

test("a manager sees a stream's tasks without Stop buttons", async ({ page }) => {
  await signInAs(page, "manager", "/streams");
  const withTasks = rows(page)
    .filter({ has: page.locator("[data-testid=running-tasks] span.rounded-full") })
    .first();
  await withTasks.getByTestId("stream-link").click();
  await expect(page.getByTestId("task-row").first()).toBeVisible();
  await expect(page.getByTestId("stop-button")).toHaveCount(0);
});

test("a mistyped stream link says which part is wrong instead of failing", async ({ page }) => {
  await signInAs(page, "support", "/streams");
  await page.goto("/streams/not_a_domain/live/bad%20name");
  await expect(page.getByTestId("invalid-stream-link")).toContainText("Invalid stream link");
  await expect(page.getByTestId("invalid-stream-link")).toContainText("domain");
  await expect(page.getByTestId("invalid-stream-link")).toContainText("stream");
  await expect(page.getByRole("link", { name: "Back to Streams" })).toBeVisible();
});

test("the stream list API refuses anonymous callers and bad queries", async ({ page, request }) => {
  const anonymous = await request.get("/api/streams", { maxRedirects: 0 });
  expect(anonymous.status()).toBe(401);
  await signInAs(page, "manager", "/streams");
  const bad = await page.request.get("/api/streams?pageSize=5000");
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({ code: "InvalidInput", fieldErrors: { pageSize: expect.any(Array) } });
  const ok = await page.request.get("/api/streams?pageSize=25&sort=age-asc");
  expect(await ok.json()).toMatchObject({ pageSize: 25, page: 1, lastError: null });
});

for (const scheme of ["light", "dark"] as const) {
  test(`Streams and a stream's page are accessible in ${scheme} mode, on a laptop and a phone @visual`, async ({
    page,
  }) => {
    // A tour of pages in two colour schemes (axe, screenshots): on a loaded 2-core machine it takes several times its
    // usual 15-60 s, so it gets slow()'s triple allowance; a hang still ends it.
    test.slow();
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1280, height: 900 });
    await signInAs(page, "admin", "/streams");
    await expect(rows(page).first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `docs/screenshots/streams-${scheme}.png` });

    // A stream with running tasks makes the more telling detail page.
    const withTasks = rows(page)
      .filter({ has: page.locator("[data-testid=running-tasks] span.rounded-full") })
      .first();
    const target = (await withTasks.count()) ? withTasks : rows(page).first();
    await target.getByTestId("stream-link").click();
    await expect(page.getByTestId("stream-title")).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `docs/screenshots/stream-detail-${scheme}.png`, fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoSeriousA11yViolations(page);
    await page.goBack();
    await expect(rows(page).first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `docs/screenshots/streams-phone-${scheme}.png` });
  });
}
