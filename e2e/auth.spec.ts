import fs from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { demoAccounts, signInAs, signOut, type DemoRole } from "./fixtures";
import { stopCalls } from "./simulator-control";
import { expectNoSeriousA11yViolations } from "./a11y";
import { captureAction, replayAction } from "./replay";

async function screenshot(page: Page, name: string) {
  fs.mkdirSync("docs/screenshots", { recursive: true });
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `docs/screenshots/${name}-${scheme}.png`, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: "light" });
}

// Every role sees Recordings (recordings:view, app/(console)/layout.tsx).
const NAV: Record<DemoRole, string[]> = {
  support: ["Streams", "Tasks", "Recordings"],
  oncall: ["Streams", "Tasks", "Recordings", "Bulk jobs"],
  manager: ["Streams", "Tasks", "Recordings", "Bulk jobs", "Audit"],
  admin: ["Streams", "Tasks", "Recordings", "Bulk jobs", "Audit", "Users"],
};

for (const role of Object.keys(NAV) as DemoRole[]) {
  test(`the ${role} demo account signs in and sees what its role allows`, async ({ page }) => {
    await signInAs(page, role, "/streams", { viaForm: true });
    await expect(page.getByTestId("current-user")).toContainText(demoAccounts[role].name);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(NAV[role]);
    await page.goto("/users");
    if (role === "admin") {
      await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
      for (const a of Object.values(demoAccounts)) await expect(page.getByTestId(`user-row-${a.email}`)).toBeVisible();
    } else {
      // The page itself refuses, whatever the navigation shows.
      await expect(page.getByRole("main").getByRole("alert")).toContainText("Only admins can manage users.");
      await expect(page.getByRole("heading", { name: "Users", level: 1 })).toHaveCount(0);
    }
  });
}

test("the sign-in page lists the demo accounts, refuses a wrong password clearly and keeps the email", async ({
  page,
}) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  for (const a of Object.values(demoAccounts)) await expect(page.getByText(a.email, { exact: true })).toBeVisible();
  await screenshot(page, "sign-in");

  await page.getByLabel("Email").fill("admin@recdesk.local");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "That email and password do not match an account. Check both and try again.",
  );
  await expect(page.getByLabel("Email")).toHaveValue("admin@recdesk.local");
  await expect(page).toHaveURL(/\/sign-in/);
  await expectNoSeriousA11yViolations(page);
});

test("an anonymous visitor is sent to sign in and comes back to the page they asked for; sign-out ends the session", async ({
  page,
}) => {
  await page.goto("/users");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fusers/);
  await page.getByRole("button", { name: "Fill in admin@recdesk.local" }).click();
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/users$/);
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();

  await signOut(page);
  await page.goto("/streams");
  await expect(page).toHaveURL(/\/sign-in/);
  // The session cookie is gone, not merely hidden: the session endpoint says nobody is signed in.
  const session = await page.request.get("/api/auth/session");
  expect(await session.json()).toBeNull();

  // Both ends of the session are on the audit trail.
  await signInAs(page, "manager", "/audit?action=auth.sign-out&actor=admin%40recdesk.local");
  await expect(page.getByTestId("audit-table").getByTestId("audit-row").first()).toContainText("admin@recdesk.local");
});

async function signedInPage(browser: Browser, role: DemoRole): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, role);
  return page;
}

/** Replays a captured server-action POST (same action id, same body) with another browser context's cookies. */
test("an admin manages users on the Users page, and a support engineer who replays the admin's request is refused", async ({
  page,
  browser,
}) => {
  await signInAs(page, "admin", "/users");
  await screenshot(page, "users");

  // Add a user; a mistake keeps what was typed.
  await page.getByLabel("Email", { exact: true }).fill("new.engineer@example.com");
  await page.getByLabel("Name", { exact: true }).fill("New Engineer");
  await page.getByLabel("Role", { exact: true }).selectOption("support");
  await page.getByLabel("Initial password").fill("short");
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText("Use at least 12 characters")).toBeVisible();
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue("new.engineer@example.com");
  await page.getByLabel("Initial password").fill("a long enough password");
  await page.getByRole("button", { name: "Add user" }).click();
  const row = page.getByTestId("user-row-new.engineer@example.com");
  await expect(row).toBeVisible();
  await expect(row).toContainText("Active");

  // Change the role, then disable: capture the Disable POST on its way out.
  await row.getByLabel("Role for new.engineer@example.com", { exact: true }).selectOption("oncall");
  await row.getByRole("button", { name: "Save role for new.engineer@example.com" }).click();
  await expect(row.getByRole("status")).toHaveText("Role saved.");
  const disablePost = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await row.getByRole("button", { name: "Disable new.engineer@example.com" }).click();
  const captured = await captureAction(await disablePost);
  await expect(row).toContainText("Disabled");
  await row.getByRole("button", { name: "Enable new.engineer@example.com" }).click();
  await expect(row).toContainText("Active");

  // The same request, sent with a support engineer's session, is refused on the server and changes nothing.
  const support = await signedInPage(browser, "support");
  const response = await replayAction(captured, support.context());
  expect(await response.text()).toContain('"code":"Forbidden"');
  await page.reload();
  await expect(page.getByTestId("user-row-new.engineer@example.com")).toContainText("Active");
  // Replayed with the admin's own cookies it would have worked: the request itself was valid.
  const again = await replayAction(captured, page.context());
  expect(await again.text()).toContain('"ok":true');
  await page.reload();
  await expect(page.getByTestId("user-row-new.engineer@example.com")).toContainText("Disabled");

  // Reset the password, then the new engineer signs in with it... and cannot, being disabled.
  await page.getByTestId("user-row-new.engineer@example.com").getByText("Reset password").click();
  await page.getByLabel("New password for new.engineer@example.com", { exact: true }).fill("a brand new password");
  await page.getByRole("button", { name: "Set new password for new.engineer@example.com" }).click();
  await expect(page.getByTestId("user-row-new.engineer@example.com").getByRole("status")).toHaveText("Password reset.");
  const newcomer = await (await browser.newContext()).newPage();
  await newcomer.goto("/sign-in");
  await newcomer.getByLabel("Email").fill("new.engineer@example.com");
  await newcomer.getByLabel("Password").fill("a brand new password");
  await newcomer.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(newcomer.getByRole("main").getByRole("alert")).toHaveText(
    "This account is disabled. Ask a RecDesk admin to enable it.",
  );
});

test("a disabled user loses access on their next request", async ({ page, browser }) => {
  const victim = await signedInPage(browser, "support");
  await signInAs(page, "admin", "/users");
  await page
    .getByTestId("user-row-support@recdesk.local")
    .getByRole("button", { name: "Disable support@recdesk.local" })
    .click();
  await expect(page.getByTestId("user-row-support@recdesk.local")).toContainText("Disabled");
  await victim.goto("/streams");
  await expect(victim).toHaveURL(/\/sign-in/);
  await page
    .getByTestId("user-row-support@recdesk.local")
    .getByRole("button", { name: "Enable support@recdesk.local" })
    .click();
  await expect(page.getByTestId("user-row-support@recdesk.local")).toContainText("Active");
});

test("a manager who replays an on-call engineer's Stop request with their own session is refused, and nothing is stopped", async ({
  page,
  browser,
}) => {
  await signInAs(page, "oncall", "/tasks?state=recording");
  const rows = page.getByTestId("task-row");
  await expect(rows.nth(1)).toBeVisible();
  const stopped = {
    taskId: (await rows.nth(0).getAttribute("data-task-id"))!,
    streamName: (await rows.nth(0).getByRole("link").first().textContent())!.trim(),
  };
  const spared = {
    taskId: (await rows.nth(1).getAttribute("data-task-id"))!,
    streamName: (await rows.nth(1).getByRole("link").first().textContent())!.trim(),
  };

  // The on-call engineer's real Stop, captured on its way out.
  const stopPost = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await page.locator(`[data-testid="task-row"][data-task-id="${stopped.taskId}"]`).getByTestId("stop-button").click();
  await page.getByTestId("stop-dialog").getByLabel("Reason").fill("runaway recording");
  await page.getByTestId("stop-dialog").getByLabel("Reason").press("Enter");
  const captured = await captureAction(await stopPost);
  expect(captured.body.toString("latin1")).toContain(stopped.taskId);
  await expect(page.locator(`[data-testid="task-result-row"][data-task-id="${stopped.taskId}"]`)).toBeVisible();

  // The manager replays it, aimed at another task that is still recording.
  const manager = await signedInPage(browser, "manager");
  const callsBefore = await stopCalls();
  const body = Buffer.from(
    captured.body
      .toString("latin1")
      .replaceAll(stopped.taskId, spared.taskId)
      .replaceAll(stopped.streamName, spared.streamName),
    "latin1",
  );
  const response = await replayAction(captured, manager.context(), body);
  expect(response.status()).toBe(200);
  const text = await response.text();
  expect(text).toContain('"code":"Forbidden"');
  expect(text).not.toContain('"ok":true');
  expect(await stopCalls(), "the refused Stop must not reach the Live API").toBe(callsBefore);
  await page.goto("/tasks?state=recording");
  await expect(page.locator(`[data-testid="task-row"][data-task-id="${spared.taskId}"]`)).toBeVisible();
});
