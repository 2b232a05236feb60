import { expect, test, type Locator, type Page } from "@playwright/test";
import { signInAs } from "./fixtures";
import { sim } from "./simulator-control";
import { expectNoSeriousA11yViolations } from "./a11y";
import { DEMO_CALLBACK_KEY } from "../lib/callbacks/demo-key";
import { callbackSign } from "../lib/tencent-live/callback-types";

// "Where is the recording?": in demo mode the simulator sends Tencent's callbacks to RecDesk's own endpoint, so
// a Stop is followed, a moment later, by the recording's file on its stream's page, on its task's row and on
// /recordings — with the download link and a copyable file id for the ticket.

/** Stops the first recording task that has a stream page (a domain); returns it with its stream page's path. */
async function stopARecording(page: Page) {
  await page.goto("/tasks?state=recording");
  const row = page
    .getByTestId("task-row")
    .filter({ has: page.locator('a[href^="/streams/"]') })
    .first();
  await expect(row).toBeVisible();
  const taskId = (await row.getAttribute("data-task-id"))!;
  const streamPath = (await row.locator('a[href^="/streams/"]').first().getAttribute("href"))!;
  await row.getByTestId("stop-button").click();
  const dialog = page.getByTestId("stop-dialog");
  await dialog.getByLabel("Reason").fill("customer asked where the recording is");
  await dialog.getByLabel("Reason").press("Enter");
  await expect(
    page.locator(`[data-testid="task-result-row"][data-task-id="${taskId}"]`).getByTestId("stop-success"),
  ).toBeVisible();
  return { taskId, streamPath };
}

/** Reloads until the callback has been delivered and processed (it is asynchronous by design). */
async function reloadUntilVisible(page: Page, locator: Locator) {
  await expect(async () => {
    await page.reload();
    await expect(locator.first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
}

test("a Stop is followed by the recording's file, linked, on its stream's page, its task's row and /recordings", async ({
  page,
}) => {
  await signInAs(page, "support", "/tasks");
  const { taskId, streamPath } = await stopARecording(page);

  await page.goto(streamPath);
  const files = page.locator("section[aria-labelledby=recordings-heading]").getByTestId("recording-row");
  await reloadUntilVisible(page, files);
  const file = files.first();
  const link = file.getByTestId("recording-link");
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(link).toHaveAttribute("rel", /noopener/);
  await expect(link).toHaveAttribute("href", /^https:\/\/.+\.(mp4|flv|m3u8|aac)$/);
  const fileId = (await file.getAttribute("data-file-id"))!;
  await expect(file.getByTestId("file-id")).toHaveText(fileId);
  await expect(file.getByRole("button", { name: `Copy file id ${fileId}` })).toBeVisible();

  // Tencent reported it: the simulator's delivery log shows the record file answered 200 by RecDesk.
  const { deliveries } = (await sim("callbacks", "GET")) as {
    deliveries: Array<{ eventType: number; state: string; lastStatus?: number }>;
  };
  expect(deliveries.some((d) => d.eventType === 100 && d.state === "delivered" && d.lastStatus === 200)).toBe(true);

  // Under its task's row on /tasks.
  await page.goto(`/tasks?state=stopped`);
  const taskFiles = page.locator(`[data-testid="task-recordings-row"][data-task-id="${taskId}"]`);
  await expect(taskFiles).toBeVisible();
  await taskFiles.locator("summary").click();
  await expect(taskFiles.locator(`[data-file-id="${fileId}"]`)).toBeVisible();

  // And on /recordings, from the nav, filtered by its stream.
  // /tasks has a row holding this very file and a "Stream name" field of its own: wait until the navigation has
  // landed on /recordings, or a slow run would find (and fill) them on the page it is leaving.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Recordings" }).click();
  await expect(page).toHaveURL(/\/recordings$/);
  await expect(page.getByRole("heading", { level: 1, name: "Recordings" })).toBeVisible();
  await expect(page.locator(`[data-testid="recording-row"][data-file-id="${fileId}"]`)).toBeVisible();
  const streamName = decodeURIComponent(streamPath.split("/").at(-1)!);
  await page.getByRole("search", { name: "Filter recordings" }).getByLabel("Stream name").fill(streamName);
  await page.getByRole("button", { name: "Filter" }).click();
  // The form sends every field, so `stream=` alone would also match an empty one: require the name itself.
  await expect(page).toHaveURL(new RegExp(`/recordings\\?stream=${encodeURIComponent(streamName)}&`));
  const rows = page.getByTestId("recording-row");
  // The address changes before the filtered list has replaced the old one: wait for the list itself.
  await expect(rows.locator("td:first-child a").filter({ hasNotText: streamName })).toHaveCount(0);
  await expect(rows.first()).toBeVisible();
  for (const name of await rows.locator("td:first-child a").allTextContents()) expect(name.trim()).toBe(streamName);
});

test("every role sees /recordings in its nav; a bad filter is explained next to its field", async ({ browser }) => {
  for (const role of ["support", "oncall", "manager", "admin"] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, role, "/streams");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Recordings" }).click();
    await expect(page.getByRole("heading", { name: "Recordings", level: 1 })).toBeVisible();
    if (role === "manager") {
      await page.goto("/recordings?format=AVI&date=2026-02-31");
      await expect(page.getByText("Format must be one of")).toBeVisible();
      await expect(page.getByText("Date is not a real day")).toBeVisible();
    }
    await context.close();
  }
});

test("recording pages pass axe in light and dark mode; screenshots for review @visual", async ({ page }) => {
  // A tour of pages in two colour schemes (axe, screenshots): on a loaded 2-core machine it takes several times its
  // usual 15-60 s, so it gets slow()'s triple allowance; a hang still ends it.
  test.slow();
  await signInAs(page, "admin", "/tasks");
  const { streamPath } = await stopARecording(page);
  const streamFiles = page.locator("section[aria-labelledby=recordings-heading]").getByTestId("recording-row");
  await page.goto(streamPath);
  await reloadUntilVisible(page, streamFiles);
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/recordings");
    await expect(page.getByTestId("recording-row").first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `docs/screenshots/recordings-${scheme}.png`, fullPage: true });
    await page.goto(streamPath);
    await expect(streamFiles.first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `docs/screenshots/stream-recordings-${scheme}.png`, fullPage: true });
  }
});

test("the endpoint needs no session but a signature: unsigned 401, malformed 400, never a sign-in redirect", async ({
  request,
}) => {
  const unsigned = await request.post("/api/callbacks/live", {
    data: { event_type: 1, appid: 1, t: Math.floor(Date.now() / 1000) + 600, sign: "0".repeat(32) },
    maxRedirects: 0,
  });
  expect(unsigned.status()).toBe(401);
  const malformed = await request.post("/api/callbacks/live", {
    data: "not json",
    headers: { "content-type": "application/json" },
    maxRedirects: 0,
  });
  expect(malformed.status()).toBe(400);
});

test("Tencent's record_error shows as a failure with its time, on the task's row and on its stream's page", async ({
  page,
  request,
}) => {
  await signInAs(page, "oncall", "/tasks?state=recording");
  const row = page
    .getByTestId("task-row")
    .filter({ has: page.locator('a[href^="/streams/"]') })
    .nth(1);
  await expect(row).toBeVisible();
  const taskId = (await row.getAttribute("data-task-id"))!;
  const streamPath = (await row.locator('a[href^="/streams/"]').first().getAttribute("href"))!;
  const [, , domain, app, stream] = streamPath.split("/").map(decodeURIComponent);
  // What Tencent would send (signed as the demo simulator signs): the recording of this task broke.
  const t = Math.floor(Date.now() / 1000) + 600;
  const answer = await request.post("/api/callbacks/live", {
    data: {
      event_type: 332,
      appid: 1500000000,
      domain,
      appname: app,
      stream_id: stream,
      task_id: taskId,
      session_id: `e2e-${taskId}`,
      seq: 1,
      event_time: Math.floor(Date.now() / 1000),
      record_event: "record_error",
      t,
      sign: callbackSign(DEMO_CALLBACK_KEY, t),
    },
  });
  expect(answer.status()).toBe(200);
  expect(await answer.json()).toEqual({ code: 0 });

  await page.goto(streamPath);
  await reloadUntilVisible(page, page.getByTestId("recording-failure"));
  await expect(page.getByTestId("recording-failure")).toContainText("Recording failed at");
  await expect(page.getByTestId("recording-failure")).toContainText(taskId);
  const taskRow = page.locator(`[data-testid="task-row"][data-task-id="${taskId}"]`);
  await expect(taskRow).toHaveAttribute("data-state", "failed");
  await expect(taskRow.getByTestId("last-action")).toContainText("record_error");
  await expect(taskRow.getByTestId("last-action")).toContainText("Tencent");
});
