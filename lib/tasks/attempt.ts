import type { ActionFailure } from "@/lib/action-result";
import type { Attempt } from "@/lib/audit/refusal";
import type { FormActionSpec } from "@/lib/actions/define-action";
import { clip } from "./actor";
import { explainTaskError } from "./local-errors";

/** What a refused task action's record says was tried: the target typed and the reason, clipped. */
export function taskAttempt(values: Record<string, string>): Attempt {
  return {
    target: {
      taskId: clip(values.taskId),
      streamName: clip(values.streamName),
      appName: clip(values.appName),
      domainName: clip(values.domainName),
    },
    reason: clip(values.reason, 500),
  };
}

/** A refused task form keeps what was typed and explains the code next to it. */
export function taskRefusal(values: Record<string, string>, failure: ActionFailure): ActionFailure {
  return { ...failure, values, explanation: explainTaskError(failure.code) };
}

/** The refusal half of every task action's declaration (each adds its own schema and invalid-input reply). */
export const TASK_REFUSAL = { attempt: taskAttempt, refusal: taskRefusal } satisfies Partial<
  FormActionSpec<never, never>
>;
