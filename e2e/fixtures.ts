import { expect, type Page } from "@playwright/test";

export type DemoRole = "support" | "oncall" | "manager" | "admin";

/** The accounts the server creates in demo mode (lib/auth/demo-accounts.ts); every e2e run is in demo mode. */
export const demoAccounts: Record<DemoRole, { email: string; password: string; name: string }> = {
  support: { email: "support@recdesk.local", password: "recdesk-demo", name: "Sam Support" },
  oncall: { email: "oncall@recdesk.local", password: "recdesk-demo", name: "Olive On-call" },
  manager: { email: "manager@recdesk.local", password: "recdesk-demo", name: "Mia Manager" },
  admin: { email: "admin@recdesk.local", password: "recdesk-demo", name: "Ada Admin" },
};

/**
 * Signs in through the real sign-in form, so every spec exercises the same path a person does. Leaves the page
 * on `next` (default /streams; a query string is allowed) with the session cookie set on the page's browser context.
 */
export async function signInAs(page: Page, role: DemoRole, next = "/streams"): Promise<void> {
  const account = demoAccounts[role];
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  const target = new URL(next, "http://localhost").pathname;
  await page.waitForURL((url) => url.pathname === target, { timeout: 30_000 });
  await expect(page.getByTestId("current-user")).toContainText(role);
}

/** Signs out through the header button. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/sign-in");
}
