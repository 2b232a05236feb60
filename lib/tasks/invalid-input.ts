import type { z } from "zod";
import type { InvalidReply } from "@/lib/actions/invalid-reply";
import type { AuditTarget } from "@/lib/audit/types";
import { clipText } from "@/lib/text/well-formed";
import { fieldErrorsOf } from "@/lib/validation/field-errors";
import { clip } from "./actor";
import { explainTaskError } from "./local-errors";
import { say } from "@/lib/validation/messages";

/*
 * How each task form answers and audits input its schema refused. The wrapper (lib/actions/define-action.ts)
 * calls these, so the records stay exactly what the task flows wrote before the wrapper parsed for them: the
 * typed target clipped with recordableText, the reason, and the field errors. The flows keep a defensive parse
 * for callers without the wrapper (bulk jobs, tests), which never fires for input the wrapper let through.
 */

type Values = Record<string, string>;
type Fields = "taskId" | "streamName" | "appName" | "domainName";

function typedTarget(values: Values, fields: readonly Fields[]): AuditTarget {
  return Object.fromEntries(fields.map((f) => [f, clip(values[f])])) as AuditTarget;
}

function reply(values: Values, fieldErrors: Record<string, string[]>, message: string): InvalidReply {
  return { code: "InvalidInput", message, fieldErrors, values, explanation: explainTaskError("InvalidInput") };
}

/** Stop and Stop by ID: the record names the way the Stop came (`via`) and summarizes the field errors. */
export function invalidStop(via: "list" | "by-id") {
  return (error: z.ZodError, values: Values): InvalidReply => {
    const fieldErrors = fieldErrorsOf(error);
    return {
      ...reply(values, fieldErrors, say("actions.tasks.fieldsNothingSent")),
      attempt: {
        target: typedTarget(values, ["taskId", "streamName"]),
        reason: clip(values.reason, 500),
        details: { via },
      },
      errorMessage: summarize(fieldErrors),
      errorDetails: { fieldErrors },
    };
  };
}

/** Delete: the record keeps the typed target and reason, as a Stop's does. */
export function invalidDelete(error: z.ZodError, values: Values): InvalidReply {
  const fieldErrors = fieldErrorsOf(error);
  return {
    ...reply(values, fieldErrors, say("actions.tasks.fieldsNothingSent")),
    attempt: { target: typedTarget(values, ["taskId", "streamName"]), reason: clip(values.reason, 500) },
    errorMessage: summarize(fieldErrors),
    errorDetails: { fieldErrors },
  };
}

export function invalidRegister(error: z.ZodError, values: Values): InvalidReply {
  const fieldErrors = fieldErrorsOf(error);
  return {
    ...reply(values, fieldErrors, say("actions.tasks.fields")),
    attempt: {
      target: typedTarget(values, ["taskId", "streamName", "appName", "domainName"]),
      reason: clip(values.note, 500),
    },
    errorMessage: clipText(JSON.stringify(fieldErrors), 500),
  };
}

export function invalidStart(error: z.ZodError, values: Values): InvalidReply {
  const fieldErrors = fieldErrorsOf(error);
  return {
    ...reply(values, fieldErrors, say("actions.tasks.fieldsNothingSent")),
    attempt: {
      target: typedTarget(values, ["streamName", "appName", "domainName"]),
      reason: clip(values.reason, 500),
    },
    errorMessage: clipText(JSON.stringify(fieldErrors), 500),
  };
}

export function invalidCorrection(error: z.ZodError, values: Values): InvalidReply {
  const fieldErrors = fieldErrorsOf(error);
  const message = say("actions.tasks.fieldsNothingChanged");
  return {
    ...reply(values, fieldErrors, message),
    attempt: {
      target: typedTarget(values, ["taskId", "streamName", "appName", "domainName"]),
      reason: clip(values.reason, 500),
    },
    errorMessage: clip(message, 500),
    errorDetails: { fieldErrors },
  };
}

/** One line per field, for the record's error message. */
function summarize(fieldErrors: Record<string, string[]>): string {
  return clipText(
    Object.entries(fieldErrors)
      .map(([k, v]) => `${k}: ${v.join("; ")}`)
      .join(" | "),
    500,
  );
}
