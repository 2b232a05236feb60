import { expect, test, type Browser, type Cookie } from "@playwright/test";
import { signInAs, signOut } from "./fixtures";

// A session cookie is only as good as the user's session version (users.session_version): once the user signs
// out, or an admin resets their password, disables them or changes their role, every copy of an earlier cookie
// lands on the sign-in page, on every page, server action and route handler.

async function replayCookies(browser: Browser, cookies: Cookie[]) {
  const context = await browser.newContext();
  await context.addCookies(cookies);
  return context.newPage();
}

const sessionCookies = async (page: import("@playwright/test").Page) =>
  (await page.context().cookies()).filter((c) => c.name.includes("authjs"));

test("a session cookie captured before sign-out opens nothing afterwards", async ({ page, browser }) => {
  await signInAs(page, "support", "/tasks", { viaForm: true });
  const captured = await sessionCookies(page);
  // Before sign-out, the copy works like the original.
  const before = await replayCookies(browser, captured);
  await before.goto("/tasks");
  await expect(before.getByTestId("current-user")).toContainText("support");
  await before.context().close();

  await signOut(page);

  const replay = await replayCookies(browser, captured);
  await replay.goto("/tasks");
  await expect(replay).toHaveURL(/\/sign-in/);
  await expect(replay.getByRole("heading", { name: "Sign in" })).toBeVisible();
  // A route handler refuses it too, and the session endpoint names nobody (not even as a claim).
  const api = await replay.request.get("/api/streams");
  expect(api.status()).toBe(401);
  const session = await (await replay.request.get("/api/auth/session")).json();
  expect(session?.user).toBeUndefined();
  expect(session?.claimedUserId).toBeUndefined();
  await replay.context().close();
});

test("an admin's role change invalidates the old cookie, in the open tab and in any copy of it", async ({
  page,
  browser,
}) => {
  const manager = await (await browser.newContext()).newPage();
  await signInAs(manager, "manager", "/audit", { viaForm: true });
  const captured = await sessionCookies(manager);

  await signInAs(page, "admin", "/users");
  const row = page.getByTestId("user-row-manager@recdesk.local");
  await row.getByLabel("Role for manager@recdesk.local", { exact: true }).selectOption("support");
  await row.getByRole("button", { name: "Save role for manager@recdesk.local" }).click();
  await expect(row.getByRole("status")).toHaveText("Role saved.");

  // The open tab and any copy of its cookie are signed out on their next request.
  await manager.goto("/audit");
  await expect(manager).toHaveURL(/\/sign-in/);
  const replay = await replayCookies(browser, captured);
  await replay.goto("/tasks");
  await expect(replay).toHaveURL(/\/sign-in/);
  await replay.context().close();

  // Put the demo account back the way other journeys expect it.
  await row.getByLabel("Role for manager@recdesk.local", { exact: true }).selectOption("manager");
  await row.getByRole("button", { name: "Save role for manager@recdesk.local" }).click();
  await expect(row.getByRole("status")).toHaveText("Role saved.");
  await manager.context().close();
});

test("a signed-in visitor is never sent off-site by a crafted callbackUrl", async ({ page }) => {
  await signInAs(page, "support", "/streams");
  for (const crafted of [
    "/%09/evil.example/x",
    "//evil.example/x",
    "/%5Cevil.example",
    "/%2F%2Fevil.example",
    "javascript:alert(1)",
  ]) {
    await page.goto(`/sign-in?callbackUrl=${crafted}`);
    const url = new URL(page.url());
    expect(url.host, crafted).toBe(new URL(test.info().project.use.baseURL!).host);
    expect(url.pathname, crafted).toBe("/streams");
  }
});

test("a direct POST to the Auth.js credentials callback with a huge password is refused at once, with a clear message", async ({
  page,
}) => {
  const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
  const started = Date.now();
  const response = await page.request.post("/api/auth/callback/credentials", {
    form: { email: "admin@recdesk.local", password: "x".repeat(100_000), csrfToken, callbackUrl: "/streams" },
    maxRedirects: 0,
  });
  expect(Date.now() - started).toBeLessThan(5_000);
  const location = response.headers().location ?? "";
  expect(location).toMatch(/\/sign-in\?error=CredentialsSignin&code=too-long/);
  await page.goto(location);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "That password is too long: passwords have at most 256 characters.",
  );
});
