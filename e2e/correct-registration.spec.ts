import { expect, test, type Page } from "@playwright/test";
import { signInAs, signOut } from "./fixtures";
import { stopCalls } from "./simulator-control";

// A task registered under the wrong stream name cannot be stopped (Tencent checks that the stream matches the
// TaskId). Stop by ID with the ticket's stream says so and offers the correction; after it, Stop works.

const rowOf = (page: Page, taskId: string) => page.locator(`[data-testid="task-row"][data-task-id="${taskId}"]`);

/** A recording task near the end of the list, away from the ones other specs stop first. */
async function aRecordingTask(page: Page) {
  await page.goto("/tasks?state=recording");
  const row = page.getByTestId("task-row").last();
  await expect(row).toBeVisible();
  const taskId = (await row.getAttribute("data-task-id"))!;
  const streamName = (await row.getByRole("link").first().textContent())!.trim();
  return { taskId, streamName };
}

test("an on-call engineer fixes a wrong registration from Stop by ID's mismatch, then stops the task", async ({
  page,
}) => {
  await signInAs(page, "oncall", "/tasks");
  const task = await aRecordingTask(page);
  const wrong = `${task.streamName}_typo`;

  // Someone registered it wrong (here: through the row's own correction form).
  await rowOf(page, task.taskId).getByTestId("correct-link").click();
  await expect(page).toHaveURL(/\/tasks\/correct\?taskId=/);
  await expect(page.getByTestId("registered-as")).toContainText(task.streamName);
  await page.getByLabel("Correct stream name").fill(wrong);
  await page.getByLabel("Reason").fill("e2e: the registration a typo would have made");
  await page.getByTestId("correct-submit").click();
  await expect(page.getByTestId("correct-success")).toContainText(`now registered as ${wrong}`);

  // Stop by ID with the ticket's (right) stream name: refused locally, nothing sent, the correction offered.
  const before = await stopCalls();
  await page.goto("/tasks/stop");
  await page.getByLabel("Stream name").fill(task.streamName);
  await page.getByLabel("TaskId").fill(task.taskId);
  await page.getByLabel("Reason").fill("INC-311 runaway recording");
  await page.getByTestId("stop-by-id-submit").click();
  await page.getByTestId("confirm-stop").click();
  await expect(page.getByTestId("stop-error")).toContainText("RecDesk.StreamMismatch");
  await expect(page.getByTestId("stop-error")).toContainText(`as stream "${wrong}"`);
  expect(await stopCalls()).toBe(before);
  const offer = page.getByTestId("mismatch-correct-link");
  await expect(offer).toHaveText(`Correct the registration to “${task.streamName}”`);

  // One click to the form, already filled in with what was typed (reason included).
  await offer.click();
  await expect(page.getByTestId("registered-as")).toContainText(wrong);
  await expect(page.getByLabel("Correct stream name")).toHaveValue(task.streamName);
  await expect(page.getByLabel("TaskId")).toHaveValue(task.taskId);
  await expect(page.getByLabel("Reason")).toHaveValue("INC-311 runaway recording");
  await page.getByTestId("correct-submit").click();
  await expect(page.getByTestId("correct-success")).toContainText(`now registered as ${task.streamName}`);
  await expect(page.getByTestId("correct-success")).toContainText(`was ${wrong}`);

  // Stop now works from the task list, with Tencent's RequestId.
  await page.getByTestId("stop-it-now").click();
  await rowOf(page, task.taskId).getByTestId("stop-button").click();
  const dialog = page.getByTestId("stop-dialog");
  await dialog.getByLabel("Reason").fill("INC-311 runaway recording");
  await dialog.getByLabel("Reason").press("Enter");
  const success = page
    .locator(`[data-testid="task-result-row"][data-task-id="${task.taskId}"]`)
    .getByTestId("stop-success");
  await expect(success).toBeVisible();
  await expect(success.getByTestId("request-id")).toHaveText(/^[0-9a-f-]{36}$/);
  expect(await stopCalls()).toBe(before + 1);

  // The audit log lists both corrections.
  await signOut(page);
  await signInAs(page, "manager", `/audit?taskId=${task.taskId}`);
  await expect(page.locator("td", { hasText: "task.correct" })).toHaveCount(2);
});

test("support sees the mismatch explained with whom to ask, and cannot open the correction form", async ({ page }) => {
  await signInAs(page, "oncall", "/tasks");
  const task = await aRecordingTask(page);
  await rowOf(page, task.taskId).getByTestId("correct-link").click();
  await page.getByLabel("Correct stream name").fill(`${task.streamName}_other`);
  await page.getByLabel("Reason").fill("e2e: wrong registration for the support view");
  await page.getByTestId("correct-submit").click();
  await expect(page.getByTestId("correct-success")).toBeVisible();

  await signOut(page);
  await signInAs(page, "support", "/tasks/stop");
  await page.getByLabel("Stream name").fill(task.streamName);
  await page.getByLabel("TaskId").fill(task.taskId);
  await page.getByLabel("Reason").fill("customer ticket 88");
  await page.getByTestId("stop-by-id-submit").click();
  await page.getByTestId("confirm-stop").click();
  await expect(page.getByTestId("stop-error")).toContainText("RecDesk.StreamMismatch");
  await expect(page.getByTestId("mismatch-ask")).toContainText("ask an on-call engineer or an admin");
  await expect(page.getByTestId("mismatch-correct-link")).toHaveCount(0);

  await page.goto(`/tasks/correct?taskId=${task.taskId}`);
  await expect(page.getByTestId("access-denied")).toContainText("Forbidden");
  await expect(page.getByTestId("correct-submit")).toHaveCount(0);
});
