import { expect, test, type Browser, type Page } from "@playwright/test";
import { signInAs } from "./fixtures";
import { sim, stopCalls } from "./simulator-control";
import { expectNoSeriousA11yViolations } from "./a11y";

// The on-call journey when recordings run away: select them (the runaway preset, or by hand), stop them in one
// server-side job, watch it finish, see exactly which failed and why, retry or cancel. The e2e server runs the
// bulk worker with 2 lanes (RECDESK_BULK_CONCURRENCY in playwright.config.ts) so a small batch still has items
// waiting behind the first ones, which is what Pause and Cancel act on.

/** Ticks the first `n` selectable rows of a /tasks list and returns their TaskIds. */
async function tickRows(page: Page, path: string, n: number): Promise<string[]> {
  await page.goto(path);
  const boxes = page.getByTestId("task-row").filter({ has: page.getByTestId("bulk-select-row") });
  await expect(boxes.nth(n - 1)).toBeVisible();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const row = boxes.nth(i);
    await row.getByTestId("bulk-select-row").check();
    ids.push((await row.getAttribute("data-task-id"))!);
  }
  await expect(page.getByTestId("bulk-summary")).toHaveText(`${n} selected`);
  return ids;
}

/** Opens the confirmation, checks the count the server resolved, gives the reason, and lands on the job page. */
async function confirmBulkStop(page: Page, count: number, reason: string): Promise<string> {
  await page.getByTestId("bulk-stop-open").click();
  const dialog = page.getByTestId("bulk-stop-dialog");
  await expect(dialog.getByTestId("bulk-count")).toContainText(`${count} task`);
  await dialog.getByLabel("Reason").fill(reason);
  await dialog.getByRole("button", { name: `Stop ${count} tasks` }).click();
  await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("job-reason")).toHaveText(reason);
  return page.url().split("/").pop()!;
}

const jobState = (page: Page) => page.getByTestId("job-progress");

/**
 * On-call, in a context of its own, starts a 3-task job that the account-level FreezeService error pauses after
 * its first item: a job with a failed row, for tests that look at jobs rather than make them.
 */
async function pausedJob(browser: Browser, reason: string): Promise<string> {
  const context = await browser.newContext();
  try {
    const oncall = await context.newPage();
    await signInAs(oncall, "oncall", "/tasks");
    await tickRows(oncall, "/tasks?family=legacy", 3);
    await sim("faults", "POST", {
      action: "StopLiveRecord",
      mode: "error",
      code: "ResourceNotFound.FreezeService",
      count: 1,
    });
    const jobId = await confirmBulkStop(oncall, 3, reason);
    await expect(jobState(oncall)).toHaveAttribute("data-state", "paused");
    return jobId;
  } finally {
    await context.close();
  }
}
const itemRow = (page: Page, taskId: string) => page.getByTestId("job-item").filter({ hasText: taskId });

test.afterEach(async () => {
  await sim("faults", "DELETE");
  await sim("latency", "POST", { latencyMs: 20 });
});

test("'Select all matching' counts only the tasks a Stop would act on, and is not offered when there are none", async ({
  page,
}) => {
  await signInAs(page, "oncall", "/tasks?running=24");
  await expect(page.getByTestId("task-row").first()).toBeVisible();
  const rows = await page.getByTestId("task-row").count();
  expect(rows).toBeGreaterThan(0);
  await expect(page.getByTestId("bulk-select-all")).toHaveText(`Select all ${rows} stoppable matching this filter`);
  await page.getByTestId("bulk-select-all").click();
  await expect(page.getByTestId("bulk-summary")).toHaveText(`All ${rows} stoppable tasks matching this filter`);
  await expect(page.getByTestId("bulk-select-all")).toHaveCount(0);

  await page.goto("/tasks?state=stopped");
  await expect(page.getByTestId("task-row").first()).toBeVisible();
  await expect(page.getByTestId("bulk-select-all")).toHaveCount(0);
});

test("on-call selects every runaway recording, stops them in one job and sees a RequestId for each", async ({
  page,
}) => {
  await signInAs(page, "oncall", "/tasks?running=24");
  await expect(page.getByTestId("task-row").first()).toBeVisible();
  const runaways = await page
    .getByTestId("task-row")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-task-id")!));
  expect(runaways.length).toBeGreaterThan(0);
  expect(runaways.length).toBeLessThan(25); // one page, so the rows on screen are all of them

  await page.goto("/tasks");
  await page.getByLabel("Running longer than", { exact: true }).selectOption("24");
  await page.getByTestId("bulk-runaway").click();
  await expect(page.getByTestId("bulk-summary")).toHaveText("Every task recording for more than 24 h");
  const before = await stopCalls();
  await page.getByTestId("bulk-stop-open").click();
  const dialog = page.getByTestId("bulk-stop-dialog");
  await expect(dialog.getByTestId("bulk-count")).toContainText(`${runaways.length} task`);
  await dialog.getByText(/Streams and TaskIds/).click();
  for (const id of runaways) await expect(dialog.getByTestId("bulk-targets")).toContainText(id);
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: "docs/screenshots/bulk-dialog-light.png" });
  await dialog.getByLabel("Reason").fill("INC-4711 runaway recordings after a rule change");
  await dialog.getByRole("button", { name: `Stop ${runaways.length} tasks` }).click();
  await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
  const jobId = page.url().split("/").pop()!;

  await expect(jobState(page)).toHaveAttribute("data-state", "done");
  await expect(page.getByTestId("count-stopped")).toHaveText(String(runaways.length));
  await expect(page.getByTestId("count-failed")).toHaveText("0");
  await expect(page.getByTestId("count-pending")).toHaveText("0");
  for (const id of runaways) await expect(itemRow(page, id).getByTestId("request-id")).toHaveText(/^[0-9a-f-]{36}$/);
  expect(await stopCalls()).toBe(before + runaways.length); // each task sent exactly once

  await page.goto("/tasks?running=24");
  await expect(page.getByText("No task matches these filters.")).toBeVisible();

  await page.goto("/jobs");
  const row = page.locator(`[data-testid="job-row"][data-job-id="${jobId}"]`);
  await expect(row).toContainText("INC-4711");
  await expect(row).toContainText("oncall@recdesk.local");
  await expect(row).toContainText("done");
});

test("a failure in a batch is explained on its own row, and Retry failed stops it", async ({ page }) => {
  await signInAs(page, "oncall", "/tasks");
  const ids = await tickRows(page, "/tasks?family=legacy&state=recording", 3);
  await sim("faults", "POST", { action: "StopLiveRecord", mode: "error", code: "InternalError.SystemError", count: 1 });
  await confirmBulkStop(page, 3, "batch with one upstream hiccup");

  await expect(jobState(page)).toHaveAttribute("data-state", "done");
  await expect(page.getByTestId("count-stopped")).toHaveText("2");
  await expect(page.getByTestId("count-failed")).toHaveText("1");
  const failed = page.locator('[data-testid="job-item"][data-state="failed"]');
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText("InternalError.SystemError");
  await expect(failed).toContainText("Try again"); // the catalog's next step, not just the code
  await expect(failed.getByTestId("request-id")).toBeVisible(); // Tencent answered, so there is a RequestId to quote

  await page.getByTestId("job-retry").click();
  await expect(page.getByTestId("job-notice")).toContainText("1 failed item(s) are queued again");
  await expect(page.getByTestId("count-stopped")).toHaveText("3");
  await expect(page.getByTestId("count-failed")).toHaveText("0");
  await expect(jobState(page)).toHaveAttribute("data-state", "done");
  for (const id of ids) await expect(itemRow(page, id)).toHaveAttribute("data-state", "stopped");
});

test("an account in arrears pauses the job instead of burning every item; Retry failed and resume finishes it", async ({
  page,
}) => {
  await signInAs(page, "oncall", "/tasks");
  await tickRows(page, "/tasks?family=legacy&state=scheduled", 3);
  await sim("faults", "POST", {
    action: "StopLiveRecord",
    mode: "error",
    code: "ResourceNotFound.StopService",
    count: 1,
  });
  const before = await stopCalls();
  await confirmBulkStop(page, 3, "arrears drill");

  await expect(jobState(page)).toHaveAttribute("data-state", "paused");
  await expect(page.getByTestId("job-paused")).toContainText("ResourceNotFound.StopService");
  await expect(page.getByTestId("job-paused")).toContainText("Top up");
  await expect(page.getByTestId("count-pending")).toHaveText("1"); // the third item was never sent
  expect(await stopCalls()).toBe(before + 2);
  await expectNoSeriousA11yViolations(page);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: "docs/screenshots/job-paused-dark.png", fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });
  await page.screenshot({ path: "docs/screenshots/job-paused-light.png", fullPage: true });

  await page.getByRole("button", { name: "Retry failed and resume" }).click();
  await expect(jobState(page)).toHaveAttribute("data-state", "done");
  await expect(page.getByTestId("count-stopped")).toHaveText("3");
  expect(await stopCalls()).toBe(before + 4);
});

test("Cancel on a paused job leaves its waiting items unsent", async ({ page }) => {
  await signInAs(page, "oncall", "/tasks");
  await tickRows(page, "/tasks?family=legacy&state=scheduled", 3);
  await sim("faults", "POST", {
    action: "StopLiveRecord",
    mode: "error",
    code: "ResourceNotFound.FreezeService",
    count: 1,
  });
  const before = await stopCalls();
  await confirmBulkStop(page, 3, "cancel drill");
  await expect(jobState(page)).toHaveAttribute("data-state", "paused");

  await page.getByTestId("job-cancel").click();
  await expect(page.getByTestId("job-notice")).toContainText("Cancelled: 1 pending item(s) will not be sent.");
  await expect(jobState(page)).toHaveAttribute("data-state", "cancelled");
  await expect(page.getByTestId("count-cancelled")).toHaveText("1");
  await expect(page.getByTestId("job-retry")).toHaveCount(0); // a cancelled job is closed; the server refuses a retry too
  await page.waitForTimeout(1500); // a worker poll or two: nothing more may go out
  expect(await stopCalls()).toBe(before + 2);
});

test("support gets no bulk controls, and the server refuses it the job pages and API", async ({ page }) => {
  await signInAs(page, "support", "/tasks");
  await expect(page.getByTestId("task-row").first()).toBeVisible();
  await expect(page.getByTestId("bulk-toolbar")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Bulk jobs" })).toHaveCount(0);
  await page.goto("/jobs");
  await expect(page.getByRole("alert").filter({ hasText: "Forbidden" })).toBeVisible();
  const res = await page.request.get("/api/jobs/00000000-0000-4000-8000-000000000000");
  expect(res.status()).toBe(403);
});

test("a manager audits bulk jobs read only: history, items and audit link, but no Stop, Retry or Cancel", async ({
  page,
  browser,
}) => {
  const reason = `manager review drill ${Date.now()}`;
  await pausedJob(browser, reason);
  await signInAs(page, "manager", "/tasks");
  await expect(page.getByTestId("task-row").first()).toBeVisible();
  await expect(page.getByTestId("bulk-toolbar")).toHaveCount(0);
  await page.getByRole("link", { name: "Bulk jobs" }).click();
  const paused = page.getByTestId("job-row").filter({ hasText: reason });
  await expect(paused).toBeVisible();
  await paused.getByRole("link").first().click();
  await expect(page.getByTestId("job-item").first()).toBeVisible();
  await expect(page.getByTestId("job-items")).toContainText("ResourceNotFound.FreezeService");
  await expect(page.getByTestId("job-retry")).toHaveCount(0);
  await expect(page.getByTestId("job-cancel")).toHaveCount(0);
  await page.getByRole("link", { name: "Audit records of this job" }).click();
  await expect(page).toHaveURL(/\/audit\?jobId=/);
  await expect(page.getByTestId("audit-row").first()).toBeVisible();
});

test("job pages pass axe in light and dark mode, on a laptop and a phone; screenshots for review @visual", async ({
  page,
  browser,
}) => {
  // A tour of pages in two colour schemes (axe, screenshots): on a loaded 2-core machine it takes several times its
  // usual 15-60 s, so it gets slow()'s triple allowance; a hang still ends it.
  test.slow();
  const jobHref = `/jobs/${await pausedJob(browser, "axe review drill")}`;
  await signInAs(page, "admin", "/jobs");
  await expect(page.getByTestId("job-row").first()).toBeVisible();
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/jobs");
    await expect(page.getByTestId("job-row").first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `docs/screenshots/jobs-${scheme}.png`, fullPage: true });
    await page.goto(jobHref);
    await expect(page.getByTestId("job-item").first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `docs/screenshots/job-${scheme}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto(jobHref);
  await expect(page.getByTestId("job-item").first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: "docs/screenshots/job-phone-light.png" });
});

test("a job link that does not exist says so instead of failing", async ({ page }) => {
  await signInAs(page, "oncall", "/jobs");
  const res = await page.goto("/jobs/not-a-job");
  expect(res?.status()).toBe(404);
  const api = await page.request.get("/api/jobs/00000000-0000-4000-8000-000000000000");
  expect(api.status()).toBe(404);
  expect((await api.json()).code).toBe("NotFound");
});
