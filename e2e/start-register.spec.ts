import { expect, test, type Page, type Request } from "@playwright/test";
import { signInAs } from "./fixtures";
import { sim, stopCalls } from "./simulator-control";
import { captureAction, replayAction } from "./replay";

// Getting a task into RecDesk: start a recording (real-time on a live stream, or scheduled in a time zone the
// person chose) and know for sure what Tencent answered, or register a task someone else created by its stream
// name and TaskId so it can be stopped from the list. Plus the Streams list's auto-refresh, which can be paused.

const UUID = /^[0-9a-f-]{36}$/;

/** How many CreateLiveRecord calls reached "Tencent" so far. */
async function createCalls(): Promise<number> {
  const calls = (await sim("calls", "GET")) as { byAction: Record<string, number> };
  return calls.byAction.CreateLiveRecord ?? 0;
}

/** A stream that is online right now, read from the first row of /streams (real-time mode needs one). */
async function onlineStream(page: Page) {
  await page.goto("/streams");
  const link = page.getByTestId("stream-link").first();
  await expect(link).toBeVisible();
  const [domainName, appName, streamName] = (await link.getAttribute("href"))!
    .split("/")
    .slice(2)
    .map(decodeURIComponent) as [string, string, string];
  return { domainName, appName, streamName, href: (await link.getAttribute("href"))! };
}

async function fillStream(page: Page, s: { domainName: string; appName: string; streamName: string }) {
  await page.getByLabel("Stream name").fill(s.streamName);
  await page.getByLabel("App name").fill(s.appName);
  await page.getByLabel("Push domain").fill(s.domainName);
}

const rowOf = (page: Page, taskId: string) => page.locator(`[data-testid="task-row"][data-task-id="${taskId}"]`);

test.afterEach(async () => {
  await sim("faults", "DELETE");
  await sim("latency", "POST", { latencyMs: 20 });
});

test("on-call starts a real-time recording of a live stream and sees the new TaskId, its RequestId and the task in the list", async ({
  page,
}) => {
  await signInAs(page, "oncall", "/streams");
  const stream = await onlineStream(page);
  await page.goto("/tasks/new?family=legacy");
  await fillStream(page, stream);
  await expect(page.getByLabel(/Real-time/)).toBeChecked();
  await page.getByLabel("Reason (optional)").fill("e2e: customer asked for a recording");
  const before = await createCalls();
  await page.getByTestId("start-submit").click();

  const success = page.getByTestId("start-success");
  await expect(success).toContainText(/Recording task \d+ created \(recording\)/);
  const taskId = /Recording task (\d+) created/.exec((await success.textContent())!)![1]!;
  const requestId = (await success.getByTestId("request-id").textContent())!;
  expect(requestId).toMatch(UUID);
  expect(await createCalls()).toBe(before + 1);

  // The registry has it, with who started it and the RequestId of the CreateLiveRecord call.
  await success.getByRole("link", { name: "See it in the task list" }).click();
  await expect(page).toHaveURL(`/tasks?stream=${encodeURIComponent(stream.streamName)}`);
  const row = rowOf(page, taskId);
  await expect(row).toHaveAttribute("data-state", "recording");
  await expect(row).toContainText("oncall@recdesk.local");
  await expect(row.getByTestId("last-action")).toContainText(requestId);
});

test.describe("in a browser on New York time", () => {
  test.use({ timezoneId: "America/New_York" });

  test("on-call schedules a recording in UTC and sees it converted to China Standard Time and shown in local time", async ({
    page,
  }) => {
    await signInAs(page, "oncall", "/streams");
    const stream = await onlineStream(page);
    await page.goto("/tasks/new?family=legacy");
    await fillStream(page, { ...stream, streamName: `e2e_scheduled_${Date.now()}` });
    await page.getByLabel(/Scheduled/).check();
    const zone = page.getByLabel("Time zone of the times below");
    await expect(zone).toHaveValue("America/New_York");
    await zone.selectOption("UTC");

    // Tomorrow 10:00–11:30 UTC is 18:00–19:30 the same day in China Standard Time.
    const day = new Date(Date.now() + 24 * 3600_000).toISOString().slice(0, 10);
    await page.getByRole("textbox", { name: /^Start/ }).fill(`${day}T10:00`);
    await page.getByRole("textbox", { name: /^End/ }).fill(`${day}T11:30`);
    await expect(page.getByText(`= ${day} 18:00 China Standard Time (sent to Tencent Cloud)`)).toBeVisible();
    await expect(page.getByText(`= ${day} 19:30 China Standard Time (sent to Tencent Cloud)`)).toBeVisible();
    await page.getByTestId("start-submit").click();

    const success = page.getByTestId("start-success");
    await expect(success).toContainText(/Recording task \d+ created \(scheduled\)/);
    await expect(success).toContainText(`Sent as China Standard Time: ${day} 18:00:00 → ${day} 19:30:00`);
    await expect(success.getByTestId("request-id")).toHaveText(UUID);
    // The form still says which zone the typed times were in.
    await expect(zone).toHaveValue("UTC");
    await expect(zone.locator("option:checked")).toHaveText("UTC");

    // The task list shows the same instant in the browser's own zone.
    const taskId = /Recording task (\d+) created/.exec((await success.textContent())!)![1]!;
    await success.getByRole("link", { name: "See it in the task list" }).click();
    const local = (hhmm: string) =>
      new Intl.DateTimeFormat("sv-SE", {
        timeZone: "America/New_York",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
      }).format(new Date(`${day}T${hhmm}:00Z`));
    const row = rowOf(page, taskId);
    await expect(row).toHaveAttribute("data-state", "scheduled");
    await expect(row).toContainText(local("10:00"));
    await expect(row).toContainText(local("11:30"));
  });
});

test("a stream name Tencent would refuse is a field error, keeps what was typed and sends nothing", async ({
  page,
}) => {
  await signInAs(page, "oncall", "/tasks/new?family=legacy");
  await page.getByLabel("Stream name").fill("bad name!");
  await page.getByLabel("Reason (optional)").fill("typo check");
  const before = await createCalls();
  await page.getByTestId("start-submit").click();

  await expect(page.getByText("Some fields need attention; nothing was sent to Tencent Cloud.")).toBeVisible();
  const field = page.getByLabel("Stream name");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("StreamName may contain letters, digits and _ . ~ ! * ( ) @ + = , : -")).toBeVisible();
  await expect(field).toHaveValue("bad name!");
  await expect(page.getByLabel("Reason (optional)")).toHaveValue("typo check");
  await expect(page.getByTestId("start-success")).toHaveCount(0);
  expect(await createCalls()).toBe(before);
});

test("when Tencent does not answer a start in time, the page says the task may exist and where to check", async ({
  page,
}) => {
  await signInAs(page, "oncall", "/streams");
  const stream = await onlineStream(page);
  await page.goto("/tasks/new?family=legacy");
  await fillStream(page, stream);
  await sim("faults", "POST", { action: "CreateLiveRecord", mode: "hang" });
  const before = await createCalls();
  await page.getByTestId("start-submit").click();
  await expect(page.getByTestId("start-submit")).toHaveAttribute("aria-busy", "true");

  const error = page.getByTestId("live-error");
  await expect(error).toHaveAttribute("data-code", "RecDesk.Timeout", { timeout: 30_000 });
  await expect(error).toContainText("Recording not started: No answer in time");
  await expect(error).toContainText("It was not retried, to avoid a duplicate (billed) task.");
  const mayExist = error.getByTestId("may-exist");
  await expect(mayExist).toContainText("The task may exist.");
  await expect(mayExist.getByRole("link", { name: "the stream's page" })).toHaveAttribute("href", stream.href);
  const taskList = mayExist.getByRole("link", { name: "task list" });
  await expect(taskList).toHaveAttribute("href", `/tasks?stream=${encodeURIComponent(stream.streamName)}`);
  // Sent once, never retried: a second CreateLiveRecord could leave two billed tasks.
  expect(await createCalls()).toBe(before + 1);
  // What was typed stays, for checking and (if need be) trying again.
  await expect(page.getByLabel("Stream name")).toHaveValue(stream.streamName);

  await sim("faults", "DELETE");
  await taskList.click();
  await expect(page).toHaveURL(`/tasks?stream=${encodeURIComponent(stream.streamName)}`);
  await expect(page.getByRole("heading", { name: "Recording tasks" })).toBeVisible();
});

test("support gets no Start recording form, and the server refuses a start replayed with their session", async ({
  browser,
}) => {
  // Capture a valid start request from an on-call session without letting it reach the server…
  const oncallCtx = await browser.newContext();
  const op = await oncallCtx.newPage();
  await signInAs(op, "oncall", "/streams");
  const stream = await onlineStream(op);
  await op.goto("/tasks/new?family=legacy");
  await fillStream(op, stream);
  const captured = new Promise<Request>((resolve) =>
    op.route("**/tasks/new?family=legacy", async (route) => {
      if (route.request().method() === "POST" && route.request().headers()["next-action"]) {
        resolve(route.request());
        await route.abort();
      } else await route.continue();
    }),
  );
  await op.getByTestId("start-submit").click();
  const action = await captureAction(await captured);
  await oncallCtx.close();

  // …support sees why there is no form (and no way in from the task list)…
  const supportCtx = await browser.newContext();
  const sp = await supportCtx.newPage();
  await signInAs(sp, "support", "/tasks");
  await expect(sp.getByTestId("task-row").first()).toBeVisible();
  await expect(sp.getByRole("link", { name: "Start recording" })).toHaveCount(0);
  await sp.goto("/tasks/new");
  await expect(sp.getByRole("heading", { name: "Start recording" })).toBeVisible();
  const denied = sp.getByTestId("access-denied");
  await expect(denied).toContainText("Forbidden");
  await expect(denied).toContainText("Starting recordings is for on-call engineers and administrators.");
  await expect(sp.getByLabel("Stream name")).toHaveCount(0);
  await expect(sp.getByTestId("start-submit")).toHaveCount(0);

  // …and the exact request, replayed with their session, is refused before anything goes upstream.
  const before = await createCalls();
  const res = await replayAction(action, supportCtx);
  expect(res.status()).toBe(200);
  expect(await res.text()).toContain("Forbidden");
  expect(await createCalls()).toBe(before);
  await supportCtx.close();
});

test("support registers a TaskId RecDesk did not know, sees it as unknown, and Stop explains ResourceNotFound.TaskId", async ({
  page,
}) => {
  await signInAs(page, "support", "/tasks/register");
  const streamName = `e2e_register_${Date.now()}`;
  await page.getByLabel("Stream name").fill(streamName);
  await page.getByLabel("TaskId").fill("4711");
  await page.getByLabel("Note (optional)").fill("ticket #4711: customer's own task");
  const stopsBefore = await stopCalls();
  await page.getByRole("button", { name: "Register task" }).click();

  const success = page.getByTestId("register-success");
  await expect(success).toContainText(`Registered task 4711 of stream ${streamName}.`);
  // Registering only tells RecDesk: nothing was sent to Tencent Cloud.
  expect(await stopCalls()).toBe(stopsBefore);

  await success.getByRole("link", { name: "Open it in the task list" }).click();
  await expect(page).toHaveURL(`/tasks?stream=${encodeURIComponent(streamName)}`);
  const row = rowOf(page, "4711");
  await expect(row).toHaveAttribute("data-state", "unknown");
  await expect(row.getByTestId("task-state")).toContainText("unknown");
  await expect(row).toContainText("(domain not given)");
  await expect(row).toContainText("support@recdesk.local");
  await expect(row).toContainText("registered");

  // Tencent has no such task: the Stop is sent and the answer explained.
  await row.getByTestId("stop-button").click();
  const dialog = page.getByTestId("stop-dialog");
  await expect(dialog).toContainText("4711");
  await expect(dialog).toContainText(streamName);
  await dialog.getByLabel("Reason").fill("customer says it is still recording");
  await page.getByTestId("confirm-stop").click();
  const error = page.locator('[data-testid="task-result-row"][data-task-id="4711"]').getByTestId("stop-error");
  await expect(error).toHaveAttribute("data-code", "ResourceNotFound.TaskId");
  await expect(error.getByTestId("error-meaning")).toContainText("no recording task with this TaskId");
  await expect(error.getByTestId("error-next-step")).toContainText("Check the TaskId and the stream name");
  await expect(error.getByTestId("request-id")).toHaveText(UUID);
  expect(await stopCalls()).toBe(stopsBefore + 1);
  await expect(row.getByTestId("last-action")).toContainText("ResourceNotFound.TaskId");

  // Registering it again is harmless and says so.
  await page.goto("/tasks/register");
  await page.getByLabel("Stream name").fill(streamName);
  await page.getByLabel("TaskId").fill("4711");
  await page.getByRole("button", { name: "Register task" }).click();
  await expect(page.getByTestId("register-success")).toContainText(
    `RecDesk already knew task 4711 of stream ${streamName}.`,
  );
});

for (const [taskId, message] of [
  ["0", "TaskId must be a whole number without leading zeros"],
  ["18446744073709551616", "TaskId must be at most 18446744073709551615"],
] as const) {
  test(`registering TaskId ${taskId} is a field error and keeps what was typed`, async ({ page }) => {
    await signInAs(page, "support", "/tasks/register");
    await page.getByLabel("Stream name").fill("room_1");
    await page.getByLabel("TaskId").fill(taskId);
    await page.getByLabel("Note (optional)").fill("typo check");
    await page.getByRole("button", { name: "Register task" }).click();

    await expect(page.getByText("Some fields need attention.")).toBeVisible();
    await expect(page.getByText(message)).toBeVisible();
    await expect(page.getByLabel("TaskId")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("TaskId")).toHaveValue(taskId);
    await expect(page.getByLabel("Stream name")).toHaveValue("room_1");
    await expect(page.getByLabel("Note (optional)")).toHaveValue("typo check");
    await expect(page.getByTestId("register-success")).toHaveCount(0);
  });
}

test("the Streams list refreshes itself every 30 s until paused, and again once resumed", async ({ page }) => {
  // A controllable clock: "30 s later" without waiting 30 s.
  await page.clock.install();
  await signInAs(page, "support", "/streams");
  await expect(page.getByTestId("stream-row").first()).toBeVisible();
  const status = page.getByTestId("last-fetched");
  const toggle = page.getByTestId("toggle-refresh");
  await expect(status).toContainText("auto-refresh every 30 s");
  await expect(toggle).toHaveText("Pause auto-refresh");
  await expect(toggle).toHaveAttribute("aria-pressed", "false");

  const isListRead = (r: Request) => r.method() === "GET" && new URL(r.url()).pathname === "/api/streams";
  let reads = 0;
  page.on("request", (r) => {
    if (isListRead(r)) reads += 1;
  });

  // Running: 31 s later the list has been read again.
  let read = page.waitForResponse((r) => isListRead(r.request()));
  await page.clock.fastForward("00:31");
  await read;

  await toggle.click();
  await expect(status).toContainText("auto-refresh paused");
  await expect(toggle).toHaveText("Resume auto-refresh");
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  reads = 0;
  // Paused: no read for a couple of real seconds, nor when the page's clock moves on past two intervals.
  await page.waitForTimeout(2000);
  await page.clock.fastForward("01:05");
  await page.waitForTimeout(1000);
  expect(reads).toBe(0);
  await expect(page.getByTestId("stream-row").first()).toBeVisible();

  await toggle.click();
  await expect(status).toContainText("auto-refresh every 30 s");
  await expect(toggle).toHaveText("Pause auto-refresh");
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  read = page.waitForResponse((r) => isListRead(r.request()));
  await page.clock.fastForward("00:31");
  await read;
  expect(reads).toBeGreaterThan(0);
});
