import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./fixtures";

// Single sign-on end to end against a real OpenID provider on loopback (scripts/e2e-oidc-provider.ts, started by
// playwright.config.ts): discovery, the code flow with PKCE, the signed ID token, RecDesk's provisioning. The
// provider's development login takes any login: "<name>" has no role claim, "<name>+<role>" carries one.

/** From RecDesk's sign-in page through the provider's login and consent, back to RecDesk. */
async function ssoSignIn(page: Page, login: string): Promise<void> {
  // The provider's development pages import a web font; this machine has no route to it.
  await page.route(/fonts\.googleapis\.com/, (r) => r.abort());
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with single sign-on" }).click();
  await page.waitForURL(/127\.0\.0\.1:\d+\/interaction\//);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => url.host.startsWith("localhost"));
}

test("a first SSO sign-in creates the user with no role; once an admin grants one, the next SSO sign-in gets in", async ({
  page,
  browser,
}) => {
  await ssoSignIn(page, "newhire");
  await page.waitForURL(/\/sign-in\?error=NoRole/);
  await expect(page.getByRole("alert").filter({ hasText: "your account has no role yet" })).toBeVisible();

  const admin = await (await browser.newContext()).newPage();
  await signInAs(admin, "admin", "/users");
  const row = admin.getByTestId("user-row-newhire@sso.example");
  await expect(row).toContainText("Single sign-on");
  await row.getByLabel("Role for newhire@sso.example", { exact: true }).selectOption("oncall");
  await row.getByRole("button", { name: "Save role for newhire@sso.example" }).click();
  await expect(row.getByRole("status")).toHaveText("Role saved.");

  // The provider still has its session: this time it asks for nothing and RecDesk lets the user in.
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with single sign-on" }).click();
  await page.waitForURL((url) => url.host.startsWith("localhost") && url.pathname === "/streams");
  await expect(page.getByTestId("current-user")).toContainText("oncall");
  await expect(page.getByTestId("current-user")).toContainText("newhire (SSO)");

  // Both sign-ins are in the audit trail, the refused one with its reason.
  await admin.goto("/audit?actor=newhire%40sso.example&action=auth.sign-in");
  const records = admin.getByTestId("audit-row");
  await expect(records).toHaveCount(2);
  await expect(records.filter({ hasText: "NoRole" })).toHaveCount(1);
  await admin.context().close();
});

test("a role claim from the provider (AUTH_OIDC_ROLE_CLAIM) lets a first SSO sign-in straight in with that role", async ({
  page,
  browser,
}) => {
  await ssoSignIn(page, "lead+manager");
  await page.waitForURL((url) => url.pathname === "/streams");
  await expect(page.getByTestId("current-user")).toContainText("manager");
  // A manager stops nothing, whichever way they signed in: the same running tasks that show on-call a Stop button
  // (named "Stop recording task … of stream …") show the manager none.
  const stopButtons = (p: Page) => p.getByRole("button", { name: /^Stop recording task \d+ of stream / });
  const oncall = await (await browser.newContext()).newPage();
  await signInAs(oncall, "oncall", "/tasks?state=recording");
  await expect(stopButtons(oncall).first()).toBeVisible();
  await oncall.context().close();
  await page.goto("/tasks?state=recording");
  await expect(page.getByTestId("task-row").first()).toBeVisible();
  await expect(stopButtons(page)).toHaveCount(0);
  await expect(page.getByTestId("stop-button")).toHaveCount(0);
});

test("an SSO identity whose unverified email matches a local account is refused, not linked to it", async ({
  page,
  browser,
}) => {
  const admin = await (await browser.newContext()).newPage();
  await signInAs(admin, "admin", "/users");
  await admin.getByLabel("Email", { exact: true }).fill("taken@sso.example");
  await admin.getByLabel("Name", { exact: true }).fill("Local Account");
  await admin.getByLabel("Role", { exact: true }).selectOption("admin");
  await admin.getByLabel("Initial password").fill("a long enough password");
  await admin.getByRole("button", { name: "Add user" }).click();
  await expect(admin.getByTestId("user-row-taken@sso.example")).toBeVisible();

  await ssoSignIn(page, "taken+unverified");
  await page.waitForURL(/\/sign-in\?error=SsoEmailTaken/);
  await expect(page.getByRole("alert").filter({ hasText: "is not linked to single sign-on" })).toBeVisible();
  await page.goto("/users");
  await page.waitForURL((url) => url.pathname === "/sign-in");

  await admin.reload();
  await expect(admin.getByTestId("user-row-taken@sso.example")).not.toContainText("Single sign-on");
  await admin.context().close();
});
