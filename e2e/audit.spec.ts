import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { signInAs } from "./fixtures";
import { expectNoSeriousA11yViolations } from "./a11y";

test("a manager reads the audit log, filters it, verifies the chain and downloads it as CSV", async ({ page }) => {
  await signInAs(page, "manager");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" }).click();
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  const rows = page.getByTestId("audit-table").getByTestId("audit-row");
  await expect(rows.first()).toBeVisible();
  // The manager's own sign-in is on the trail.
  await expect(page.getByTestId("audit-table")).toContainText("manager@recdesk.local");
  await expectNoSeriousA11yViolations(page);

  // Filter through the form: the filter lands in the URL and every row matches it.
  await page.getByLabel("Action").selectOption("auth.sign-in");
  await page.getByLabel("Actor email").fill("manager@recdesk.local");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/action=auth.sign-in/);
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.allInnerTexts()) {
    expect(text).toContain("auth.sign-in");
    expect(text).toContain("manager@recdesk.local");
  }

  // Download exactly that filter.
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^recdesk-audit-.*\.csv$/);
  const csv = parse(fs.readFileSync((await download.path())!, "utf8"), { bom: true, columns: true }) as Record<
    string,
    string
  >[];
  expect(csv.length).toBeGreaterThan(0);
  expect(csv.every((r) => r.action === "auth.sign-in" && r.actor_email === "manager@recdesk.local")).toBe(true);

  // Verify integrity: OK, and the verification itself is now on the trail.
  await page.goto("/audit");
  await page.getByRole("button", { name: "Verify integrity" }).click();
  await expect(page.getByTestId("verify-result")).toContainText("OK — chain intact");
  await page.goto("/audit?action=audit.verify");
  await expect(rows.first()).toContainText("audit.verify");
  await page.goto("/audit?action=audit.export");
  await expect(rows.first()).toContainText("audit.export");
});

test("bad filters are field errors, and a task's history has its own link", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/audit?from=yesterday&action=task.explode");
  await expect(page.getByText("From must be a date and time")).toBeVisible();
  await expect(page.getByText(/Action must be one of/)).toBeVisible();
  await expect(page.getByLabel("From (UTC)")).toHaveAttribute("aria-invalid", "true");
  await expectNoSeriousA11yViolations(page);

  await page.goto("/audit?taskId=18446744073709551615");
  await expect(page.getByLabel("TaskId")).toHaveValue("18446744073709551615");
  await expect(page.getByText("No audit records match this filter.")).toBeVisible();
  await page.goto("/audit?jobId=6f1c2f3e-5a0b-4c1d-8e2f-3a4b5c6d7e8f");
  await expect(page.getByLabel("Bulk job id")).toHaveValue("6f1c2f3e-5a0b-4c1d-8e2f-3a4b5c6d7e8f");

  // From a task row to that task's history, the way a manager gets there.
  await page.goto("/tasks");
  const row = page.getByTestId("task-row").first();
  const taskId = (await row.getAttribute("data-task-id"))!;
  await row.getByRole("link", { name: "Audit history" }).click();
  await expect(page).toHaveURL(new RegExp(`/audit\\?taskId=${taskId}$`));
  await expect(page.getByLabel("TaskId")).toHaveValue(taskId);
});

test("support may not see or export the audit log", async ({ page }) => {
  await signInAs(page, "support", "/tasks");
  // No link that would only lead to a refusal.
  await expect(page.getByTestId("task-row").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Audit history" })).toHaveCount(0);
  await signInAs(page, "support");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" })).toHaveCount(0);
  await page.goto("/audit");
  await expect(page.getByRole("alert").filter({ hasText: "Forbidden" })).toContainText(
    "the audit log is for managers and admins",
  );
  await expect(page.getByTestId("audit-table")).toHaveCount(0);
  const res = await page.request.get("/audit/export");
  expect(res.status()).toBe(403);
});

test("screenshots of /audit in light and dark @visual", async ({ page }) => {
  // A tour of pages in two colour schemes (axe, screenshots): on a loaded 2-core machine it takes several times its
  // usual 15-60 s, so it gets slow()'s triple allowance; a hang still ends it.
  test.slow();
  await signInAs(page, "admin");
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/audit");
    await expect(page.getByTestId("audit-table")).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `docs/screenshots/audit-${scheme}.png`, fullPage: true });
  }
});
