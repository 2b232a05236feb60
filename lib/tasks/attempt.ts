import type { ActionFailure } from "@/lib/action-result";
import type { Attempt } from "@/lib/audit/refusal";
import type { FormActionSpec } from "@/lib/actions/define-action";
import { z } from "zod";
import { clip } from "./actor";
import { explainTaskError } from "./local-errors";

/**
 * The task forms' raw fields. lib/tasks parses them with the form's own schema and audits an invalid attempt
 * write-ahead (bulk jobs call the same flows without a form), so the wrapper only checks they are strings.
 */
export const TaskFormFields = z.record(z.string(), z.string());

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

/** The refusal half of every task action's declaration. */
export const TASK_REFUSAL = { schema: TaskFormFields, attempt: taskAttempt, refusal: taskRefusal } satisfies Partial<
  FormActionSpec<typeof TaskFormFields, never>
>;
