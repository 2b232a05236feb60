import { componentLogger } from "./logger";

export interface ActionOutcomeLine {
  /** The signed-in user's id (never the email: logs leave the database's access control). */
  actorId?: string;
  /** The audit action name, e.g. "task.stop". */
  action: string;
  /** "ok", "refused", "invalid", or the failure's code. */
  outcome: string;
  requestId?: string;
  /** Which wrapper answered: a server action or a route handler. */
  via: "action" | "route";
  durationMs: number;
}

/** One line per server action or route handler answer: who (by id), what, how it ended, and Tencent's RequestId. */
export function logActionOutcome(line: ActionOutcomeLine): void {
  const log = componentLogger("actions");
  const fields = { event: "action.outcome", ...line };
  const message = `${line.action}: ${line.outcome}${line.requestId ? ` (RequestId ${line.requestId})` : ""}`;
  // A refusal or an invalid form is an expected answer (info); an upstream or server failure is worth a look (warn):
  // Tencent's and RecDesk's error codes are dotted (ResourceNotFound.TaskId, RecDesk.Timeout).
  if (line.outcome.includes(".") || line.outcome.startsWith("http-5")) log.warn(fields, message);
  else log.info(fields, message);
}

/** What an action's answer says about its outcome: ok, or the failure's code, with Tencent's RequestId if any. */
export function outcomeOf(answer: unknown): { outcome: string; requestId?: string } {
  const a = (answer ?? {}) as { ok?: boolean; code?: unknown; requestId?: unknown };
  const requestId = typeof a.requestId === "string" ? a.requestId : undefined;
  if (a.ok === true) return { outcome: "ok", requestId };
  return { outcome: typeof a.code === "string" ? a.code : "failed", requestId };
}
