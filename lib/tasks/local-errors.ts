import { explainLiveError, type LiveErrorExplanation } from "@/lib/tencent-live/errors";

// Refusals and states that RecDesk itself produces around the task flows. Tencent's codes stay in the edge's
// catalog; these sit next to the flows that raise them.

const LOCAL: Record<string, Omit<LiveErrorExplanation, "code">> = {
  "RecDesk.StopInProgress": {
    title: "Someone else is stopping this task",
    meaning:
      "Another Stop of this task is still waiting for Tencent Cloud's answer. RecDesk sent only one request; yours was not sent again.",
    nextStep: "Refresh the task list in a few seconds: the row will show that Stop's outcome and RequestId.",
    retryable: true,
    accountLevel: false,
  },
  "RecDesk.Interrupted": {
    title: "Stop interrupted by a restart",
    meaning: "RecDesk restarted while this Stop was waiting for Tencent Cloud, so whether the task stopped is unknown.",
    nextStep: "Press Stop again: stopping a task that has already stopped is safe.",
    retryable: true,
    accountLevel: false,
  },
  "RecDesk.TaskNotRegistered": {
    title: "Task not in the registry",
    meaning: "RecDesk has no task with this TaskId, so there is nothing to stop from this list.",
    nextStep: "Use Stop by ID (Tasks → Stop by ID) with the stream name and TaskId.",
    retryable: false,
    accountLevel: false,
  },
  "RecDesk.StreamMismatch": {
    title: "TaskId belongs to another stream",
    meaning:
      "RecDesk already knows this TaskId under a different stream name. Tencent checks that the two match, so this request would fail.",
    nextStep:
      "Check the stream name and TaskId against the ticket. If the ticket is right and the registration wrong, an on-call engineer or admin corrects the registration (Tasks → Correct registration), then Stop works.",
    retryable: false,
    accountLevel: false,
  },
  "RecDesk.DeleteWhileRecording": {
    title: "Stop it before deleting",
    meaning:
      "This legacy task is recording. Tencent Cloud refuses to delete a legacy task while it records (FailedOperation.AlterTaskState), so nothing was sent.",
    nextStep: "Stop the task first (the Stop button on its row), then delete it.",
    retryable: false,
    accountLevel: false,
  },
  "RecDesk.NothingToCorrect": {
    title: "Nothing to correct",
    meaning: "The task is already registered with exactly these stream, app and domain names. Nothing was changed.",
    nextStep:
      "If Stop still fails, check the TaskId and stream name against Tencent Cloud (the stream page lists its tasks).",
    retryable: false,
    accountLevel: false,
  },
  InvalidInput: {
    title: "Check the highlighted fields",
    meaning: "RecDesk refused the request because a value is not valid. Nothing was sent to Tencent Cloud.",
    nextStep: "Correct the fields marked in red and submit again.",
    retryable: false,
    accountLevel: false,
  },
  Forbidden: {
    title: "Not allowed for your role",
    meaning: "Your role does not include this action. Nothing was sent to Tencent Cloud; the attempt was recorded.",
    nextStep: "Ask an on-call engineer or an administrator to do it, or to change your role.",
    retryable: false,
    accountLevel: false,
  },
  Unauthenticated: {
    title: "Signed out",
    meaning: "Your session has ended. Nothing was sent to Tencent Cloud.",
    nextStep: "Sign in again, then repeat the action.",
    retryable: false,
    accountLevel: false,
  },
};

export function explainTaskError(code: string, message?: string): LiveErrorExplanation {
  const local = LOCAL[code];
  return local ? { code, ...local } : explainLiveError(code, message);
}
