import { expect, test, type Page, type Request } from "@playwright/test";
import { signInAs, type DemoRole } from "./fixtures";
import { sim, stopCalls } from "./simulator-control";
import { captureAction, replayAction } from "./replay";
import { expectNoSeriousA11yViolations } from "./a11y";

// The Tasks journey: find a runaway recording, stop it, and know for sure what happened — RequestId on
// success, the explained error code on failure — even when Tencent misbehaves or two people press Stop at once.

/** The first recording legacy task on /tasks (filtered to recording), as { taskId, streamName }. */
async function firstRecordingTask(page: Page, skip = 0) {
  // Legacy only: these journeys count StopLiveRecord calls (record-tasks.spec.ts covers the RecordTask family).
  await page.goto("/tasks?family=legacy&state=recording");
  const row = page.getByTestId("task-row").nth(skip);
  await expect(row).toBeVisible();
  const taskId = (await row.getAttribute("data-task-id"))!;
  const streamName = (await row.getByRole("link").first().textContent())!.trim();
  return { taskId, streamName };
}

const rowOf = (page: Page, taskId: string) => page.locator(`[data-testid="task-row"][data-task-id="${taskId}"]`);
const resultOf = (page: Page, taskId: string) =>
  page.locator(`[data-testid="task-result-row"][data-task-id="${taskId}"]`);

async function pressStop(page: Page, taskId: string, reason: string) {
  await rowOf(page, taskId).getByTestId("stop-button").click();
  const dialog = page.getByTestId("stop-dialog");
  await expect(dialog).toContainText(taskId);
  await dialog.getByLabel("Reason").fill(reason);
  await dialog.getByLabel("Reason").press("Enter");
}

test.afterEach(async () => {
  await sim("faults", "DELETE");
  await sim("latency", "POST", { latencyMs: 20 });
});

for (const role of ["support", "oncall", "admin"] as DemoRole[]) {
  test(`${role} stops a seeded recording task and sees its RequestId and the row turn stopped`, async ({ page }) => {
    await signInAs(page, role, "/tasks");
    const task = await firstRecordingTask(page);
    const dialogCheck = async () => {
      // Escape cancels without sending anything.
      await rowOf(page, task.taskId).getByTestId("stop-button").click();
      await expect(page.getByTestId("stop-dialog")).toContainText(task.streamName);
      await page.keyboard.press("Escape");
      await expect(page.getByTestId("stop-dialog")).toBeHidden();
    };
    const before = await stopCalls();
    await dialogCheck();
    expect(await stopCalls()).toBe(before);

    await pressStop(page, task.taskId, `${role}: runaway recording, ticket 42`);
    const success = resultOf(page, task.taskId).getByTestId("stop-success");
    await expect(success).toBeVisible();
    const requestId = (await success.getByTestId("request-id").textContent())!;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    await expect(rowOf(page, task.taskId)).toHaveAttribute("data-state", "stopped");
    expect(await stopCalls()).toBe(before + 1);

    // The registry keeps it: a fresh load shows the state and the last action's RequestId.
    await page.goto(`/tasks?stream=${encodeURIComponent(task.streamName)}`);
    await expect(rowOf(page, task.taskId)).toHaveAttribute("data-state", "stopped");
    await expect(rowOf(page, task.taskId).getByTestId("last-action")).toContainText(requestId);
  });
}

test("Stop by ID of a TaskId Tencent does not know shows ResourceNotFound.TaskId explained", async ({ page }) => {
  await signInAs(page, "support", "/tasks/stop");
  await page.getByLabel("Stream name").fill("nobody_streams_here");
  await page.getByLabel("TaskId").fill("4242");
  await page.getByLabel("Reason").fill("customer gave this id");
  await page.getByTestId("stop-by-id-submit").click();
  await expect(page.getByTestId("stop-dialog")).toContainText("4242");
  await page.getByTestId("confirm-stop").press("Enter");
  const error = page.getByTestId("stop-error");
  await expect(error).toHaveAttribute("data-code", "ResourceNotFound.TaskId");
  await expect(error.getByTestId("error-meaning")).toContainText("no recording task with this TaskId");
  await expect(error.getByTestId("error-next-step")).toContainText("Check the TaskId");
  await expect(error.getByTestId("request-id")).toBeVisible();
});

test("Stop by ID refuses a TaskId above 2^64−1 on the server and keeps what was typed", async ({ page }) => {
  await signInAs(page, "support", "/tasks/stop");
  const before = await stopCalls();
  await page.getByLabel("Stream name").fill("room_1");
  await page.getByLabel("TaskId").fill("18446744073709551616");
  await page.getByLabel("Reason").fill("typo check");
  await page.getByTestId("stop-by-id-submit").click();
  await page.getByTestId("confirm-stop").click();
  await expect(page.getByText("TaskId must be at most 18446744073709551615")).toBeVisible();
  await expect(page.getByLabel("TaskId")).toHaveValue("18446744073709551616");
  await expect(page.getByLabel("Reason")).toHaveValue("typo check");
  expect(await stopCalls()).toBe(before);
});

test("an account in arrears (ResourceNotFound.StopService) and a timeout are each explained, the task keeps recording", async ({
  page,
}) => {
  await signInAs(page, "oncall", "/tasks");
  const task = await firstRecordingTask(page);
  await sim("faults", "POST", { action: "StopLiveRecord", mode: "error", code: "ResourceNotFound.StopService" });
  await pressStop(page, task.taskId, "arrears check");
  let error = resultOf(page, task.taskId).getByTestId("stop-error");
  await expect(error).toHaveAttribute("data-code", "ResourceNotFound.StopService");
  await expect(error).toContainText("Account in arrears");
  await expect(error.getByTestId("error-next-step")).toContainText("Top up");
  await expect(error.getByTestId("request-id")).toBeVisible();
  await expect(rowOf(page, task.taskId)).toHaveAttribute("data-state", "recording");
  await error.getByRole("button", { name: "Dismiss" }).click();
  await expect(error).toBeHidden();

  await sim("faults", "POST", { action: "StopLiveRecord", mode: "hang" });
  await pressStop(page, task.taskId, "timeout check");
  await expect(rowOf(page, task.taskId).getByTestId("task-state")).toContainText("stopping");
  error = resultOf(page, task.taskId).getByTestId("stop-error");
  await expect(error).toHaveAttribute("data-code", "RecDesk.Timeout", { timeout: 45_000 });
  await expect(error).toContainText("No answer in time");
  await expect(error.getByTestId("error-next-step")).toContainText("trying again is safe");
});

test("two people pressing Stop on one task together cause one upstream call and see the same RequestId", async ({
  browser,
}) => {
  const a = await browser.newContext();
  const b = await browser.newContext();
  const pa = await a.newPage();
  const pb = await b.newPage();
  await signInAs(pa, "support", "/tasks");
  await signInAs(pb, "oncall", "/tasks");
  const task = await firstRecordingTask(pa);
  await pb.goto(`/tasks?stream=${encodeURIComponent(task.streamName)}`);
  for (const [p, who] of [
    [pa, "support"],
    [pb, "oncall"],
  ] as const) {
    await rowOf(p, task.taskId).getByTestId("stop-button").click();
    await p.getByTestId("stop-dialog").getByLabel("Reason").fill(`${who}: same runaway`);
  }
  // Slow Tencent down so both requests are in flight together.
  await sim("latency", "POST", { latencyMs: 1500 });
  const before = await stopCalls();
  await Promise.all([pa.getByTestId("confirm-stop").click(), pb.getByTestId("confirm-stop").click()]);
  const ids = await Promise.all(
    [pa, pb].map(async (p) => {
      const ok = resultOf(p, task.taskId).getByTestId("stop-success");
      await expect(ok).toBeVisible();
      return ok.getByTestId("request-id").textContent();
    }),
  );
  expect(await stopCalls()).toBe(before + 1);
  expect(ids[0]).toBe(ids[1]);
  await a.close();
  await b.close();
});

test("a manager sees no Stop button, and the server refuses a Stop anyway", async ({ browser }) => {
  // Capture what a real Stop request looks like (action id + form body) from a support session…
  const supportCtx = await browser.newContext();
  const sp = await supportCtx.newPage();
  await signInAs(sp, "support", "/tasks");
  const task = await firstRecordingTask(sp);
  await sim("faults", "POST", { action: "StopLiveRecord", mode: "error", code: "InternalError" });
  const captured = new Promise<Request>((resolve) => sp.on("request", (r) => r.headers()["next-action"] && resolve(r)));
  await pressStop(sp, task.taskId, "capture for replay");
  const action = await captureAction(await captured);
  await expect(resultOf(sp, task.taskId).getByTestId("stop-error")).toBeVisible();
  await supportCtx.close();

  // …then a manager sees no button and replays the exact request with their own session.
  const managerCtx = await browser.newContext();
  const mp = await managerCtx.newPage();
  await signInAs(mp, "manager", "/tasks");
  await expect(mp.getByTestId("task-row").first()).toBeVisible();
  await expect(mp.getByTestId("stop-button")).toHaveCount(0);
  await mp.goto("/tasks/stop");
  await expect(mp.getByTestId("access-denied")).toContainText("Forbidden");

  const before = await stopCalls();
  const res = await replayAction(action, managerCtx);
  expect(res.status()).toBe(200);
  expect(await res.text()).toContain("Forbidden");
  expect(await stopCalls()).toBe(before);
  await managerCtx.close();
});

test("task pages pass axe in light and dark mode, on a laptop and a phone; screenshots for review @visual", async ({
  page,
}) => {
  // A tour of pages in two colour schemes (axe, screenshots): on a loaded 2-core machine it takes several times its
  // usual 15-60 s, so it gets slow()'s triple allowance; a hang still ends it.
  test.slow();
  await signInAs(page, "admin", "/tasks");
  const pages = [
    { path: "/tasks", name: "tasks", ready: () => expect(page.getByTestId("task-row").first()).toBeVisible() },
    { path: "/tasks/stop", name: "tasks-stop", ready: () => expect(page.getByLabel("TaskId")).toBeVisible() },
    { path: "/tasks/new", name: "tasks-new", ready: () => expect(page.getByLabel("Stream name")).toBeVisible() },
    { path: "/tasks/register", name: "tasks-register", ready: () => expect(page.getByLabel("TaskId")).toBeVisible() },
  ];
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const p of pages) {
      await page.goto(p.path);
      await p.ready();
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: `docs/screenshots/${p.name}-${scheme}.png`, fullPage: true });
    }
  }
  // The error display as the on-call engineer sees it at 3 a.m.
  await page.emulateMedia({ colorScheme: "dark" });
  const task = await firstRecordingTask(page);
  await sim("faults", "POST", { action: "StopLiveRecord", mode: "error", code: "ResourceNotFound.StopService" });
  await pressStop(page, task.taskId, "screenshot");
  await expect(resultOf(page, task.taskId).getByTestId("stop-error")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: "docs/screenshots/tasks-stop-error-dark.png" });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/tasks?state=recording");
  await expect(page.getByTestId("task-row").first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: "docs/screenshots/tasks-phone-light.png" });
});
