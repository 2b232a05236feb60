import { expect, type Cookie, type Page } from "@playwright/test";

export type DemoRole = "support" | "oncall" | "manager" | "admin";

/** The accounts the server creates in demo mode (lib/auth/demo-accounts.ts); every e2e run is in demo mode. */
export const demoAccounts: Record<DemoRole, { email: string; password: string; name: string }> = {
  support: { email: "support@recdesk.local", password: "recdesk-demo", name: "Sam Support" },
  oncall: { email: "oncall@recdesk.local", password: "recdesk-demo", name: "Olive On-call" },
  manager: { email: "manager@recdesk.local", password: "recdesk-demo", name: "Mia Manager" },
  admin: { email: "admin@recdesk.local", password: "recdesk-demo", name: "Ada Admin" },
};

// One real sign-in per role per worker: later specs reuse its session cookie (a JWT the server re-checks
// against the user row on every request), which saves a form round-trip per test. The sign-in journey itself
// is tested with { viaForm: true } in auth.spec.ts.
const sessions = new Map<DemoRole, Cookie[]>();

/**
 * Leaves the page on `next` (default /streams; a query string is allowed) signed in as `role`, with the session
 * cookie on the page's browser context. The first time for a role (or with viaForm) through the real sign-in form.
 */
export async function signInAs(
  page: Page,
  role: DemoRole,
  next = "/streams",
  opts: { viaForm?: boolean } = {},
): Promise<void> {
  const target = new URL(next, "http://localhost").pathname;
  const cached = sessions.get(role);
  let reused = false;
  if (cached && !opts.viaForm) {
    await page.context().addCookies(cached);
    await page.goto(next);
    // A sign-out, password reset, disabling or role change in an earlier test revoked that cookie
    // (users.session_version): sign in again through the form.
    reused = new URL(page.url()).pathname !== "/sign-in";
  }
  if (!reused) {
    const account = demoAccounts[role];
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(next)}`);
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL((url) => url.pathname === target, { timeout: 30_000 });
    sessions.set(
      role,
      (await page.context().cookies()).filter((c) => c.name.includes("authjs")),
    );
  }
  expect(new URL(page.url()).pathname).toBe(target);
  await expect(page.getByTestId("current-user")).toContainText(role);
}

/** Signs out through the header button. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/sign-in");
}
