import { e, type Entry } from "./entry";

/** Codes RecDesk makes up for failures that never got a Tencent answer, and bulk bookkeeping. */
export const RECDESK_CODES: Record<string, Entry> = {
  // --- Failures that never got a Tencent answer (made up by this client).
  "RecDesk.Timeout": e(
    "No answer in time",
    "Tencent Cloud did not answer before the timeout. The call may or may not have taken effect.",
    "Check the task's state before trying again; for a stop, trying again is safe.",
    true,
  ),
  "RecDesk.NetworkError": e(
    "Could not reach Tencent Cloud",
    "The connection to the Live API failed (refused, reset, or a gateway error).",
    "Check the server's network; try again in a minute.",
    true,
  ),
  "RecDesk.MalformedResponse": e(
    "Unreadable answer",
    "Tencent Cloud (or something in between) answered with a body that is not the expected JSON.",
    "Try again; if it persists, check for a proxy between RecDesk and Tencent Cloud.",
    true,
  ),
  "RecDesk.Aborted": e(
    "Cancelled",
    "The call was cancelled before Tencent Cloud answered. It may or may not have taken effect.",
    "Check the task's state; start the action again if needed.",
  ),
  "RecDesk.InvalidInput": e(
    "Invalid input",
    "RecDesk refused to send the request because a value is not valid (checked locally; nothing was sent).",
    "Correct the highlighted value and try again.",
  ),
  // --- Bulk-job bookkeeping (audit records only: the item itself goes back to its queue).
  "RecDesk.Busy": e(
    "RecDesk is busy",
    "Too many Stops were already waiting for Tencent Cloud's rate limit in this server (at most 100 single Stops wait at once), so this one was refused at once. Nothing was sent.",
    "Wait a few seconds and press Stop again. To stop many tasks, use bulk stop: its worker queues them on the server and is never refused.",
    true,
  ),
  "RecDesk.UserRateLimited": e(
    "Too many requests from you",
    "You reached the per-person limit for calls that spend the Tencent Cloud account's shared quota (30 Stop by ID requests, 60 stream state lookups a minute). Nothing was sent.",
    "Wait the number of seconds the message names and try again. To stop many tasks, use bulk stop (on-call engineers and admins).",
    true,
  ),
  "RecDesk.NotSent": e(
    "Not sent",
    "RecDesk recorded the intent but did not send the Stop: the job was paused or cancelled, or its worker stopped first.",
    "Nothing to do: the task went back to the job's queue and is sent when the job runs.",
  ),
  "RecDesk.AuditInterrupted": e(
    "Interrupted",
    "RecDesk stopped (a crash or restart) between recording the intent and recording the answer. The call may or may not have reached Tencent Cloud.",
    "Check the task's state; a bulk job sends such a Stop again by itself.",
  ),
};
