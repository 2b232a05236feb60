import { expect, test } from "@playwright/test";
import { signInAs } from "./fixtures";

test("the console shell shows who is signed in, the navigation and the demo banner", async ({ page }) => {
  await signInAs(page, "oncall");
  await expect(page.getByRole("status").filter({ hasText: "Demo mode" })).toHaveText(
    "Demo mode — local Live API simulator, no real recordings are affected",
  );
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Streams" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Tasks" })).toBeVisible();
  await expect(page.getByTestId("current-user")).toContainText("Olive On-call");
  await expect(page.getByTestId("current-user")).toContainText("oncall");
  await page.screenshot({ path: "docs/screenshots/shell.png", fullPage: false });
});

test("an anonymous visitor is sent to sign in", async ({ page }) => {
  await page.goto("/tasks");
  await expect(page).toHaveURL(/\/sign-in/);
});
