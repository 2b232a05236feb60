"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { LiveErrorPanel } from "@/components/ui/live-error-panel";
import type { ActionResult } from "@/lib/action-result";
import { TaskIdField } from "./task-id-field";

interface Names {
  streamName: string;
  appName: string;
  domainName: string;
}
export type CorrectOutcome = ActionResult<{ taskId: string; from: Names; to: Names; bulkItemsUpdated: number }>;
export type CorrectAction = (prev: CorrectOutcome | null, formData: FormData) => Promise<CorrectOutcome>;

const show = (n: Names) => `${n.streamName} (app ${n.appName}${n.domainName ? `, domain ${n.domainName}` : ""})`;

/**
 * Correct what RecDesk has for a TaskId. Pre-filled from the link that led here (the task row, or Stop by ID
 * when the typed stream differed from the registry's); nothing is sent to Tencent Cloud.
 */
export function CorrectRegistrationForm({
  action,
  initial,
  registered,
}: {
  action: CorrectAction;
  initial: Record<string, string>;
  registered?: Names;
}) {
  const [result, formAction, pending] = useActionState<CorrectOutcome | null, FormData>(action, null);
  const failed = result && !result.ok ? result : null;
  const typed = failed?.values ?? initial;
  const errors = failed?.fieldErrors;
  return (
    <div className="space-y-4">
      {registered ? (
        <p className="max-w-2xl text-sm" data-testid="registered-as">
          Registered now as <strong className="font-mono">{show(registered)}</strong>.
        </p>
      ) : null}
      <form action={formAction} noValidate className="grid max-w-2xl gap-4 sm:grid-cols-2" key={JSON.stringify(typed)}>
        <TaskIdField defaultValue={typed.taskId} errors={errors?.taskId} />
        <TextField
          label="Correct stream name"
          name="streamName"
          required
          defaultValue={typed.streamName}
          errors={errors?.streamName}
          autoComplete="off"
          spellCheck={false}
          hint="StreamName exactly as pushed"
        />
        <TextField
          label="App name (optional)"
          name="appName"
          defaultValue={typed.appName}
          errors={errors?.appName}
          hint="Empty keeps the registered app"
        />
        <TextField
          label="Domain (optional)"
          name="domainName"
          defaultValue={typed.domainName}
          errors={errors?.domainName}
          hint="Empty keeps the registered domain"
        />
        <TextField
          className="sm:col-span-2"
          label="Reason"
          name="reason"
          required
          defaultValue={typed.reason}
          errors={errors?.reason}
          hint="Recorded in the audit trail with the old and new names, e.g. ticket #1234"
        />
        <div className="sm:col-span-2">
          <Button type="submit" busy={pending} busyLabel="Correcting…" data-testid="correct-submit">
            Correct registration
          </Button>
        </div>
      </form>
      <div aria-live="polite" className="max-w-2xl">
        {failed && failed.code !== "InvalidInput" ? (
          <LiveErrorPanel
            heading="Not corrected"
            code={failed.code}
            message={failed.message}
            explanation={failed.explanation}
          />
        ) : null}
        {failed && failed.code === "InvalidInput" ? (
          <p role="alert" className="text-sm text-danger-700 dark:text-danger-300">
            {failed.message}
          </p>
        ) : null}
        {result?.ok ? (
          <div
            role="status"
            data-testid="correct-success"
            className="rounded-md border border-ok-300 bg-ok-50 p-3 text-sm dark:border-ok-700 dark:bg-ok-700/20"
          >
            Task <span className="font-mono">{result.taskId}</span> is now registered as{" "}
            <span className="font-mono">{show(result.to)}</span> (was{" "}
            <span className="font-mono">{show(result.from)}</span>)
            {result.bulkItemsUpdated > 0
              ? `; ${result.bulkItemsUpdated} queued bulk item(s) will send the new name`
              : ""}
            .{" "}
            <Link
              className="underline"
              href={`/tasks?stream=${encodeURIComponent(result.to.streamName)}`}
              data-testid="stop-it-now"
            >
              Stop it from the task list
            </Link>
            .
          </div>
        ) : null}
      </div>
    </div>
  );
}
