"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
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
  const t = useTranslations("taskForms");
  const show = (n: Names) => t(n.domainName ? "correct.namesWithDomain" : "correct.names", { ...n });
  const [result, formAction, pending] = useActionState<CorrectOutcome | null, FormData>(action, null);
  const failed = result && !result.ok ? result : null;
  const typed = failed?.values ?? initial;
  const errors = failed?.fieldErrors;
  return (
    <div className="space-y-4">
      {registered ? (
        <p className="max-w-2xl text-sm" data-testid="registered-as">
          {t.rich("correct.registeredAs", {
            names: show(registered),
            strong: (chunks) => <strong className="font-mono">{chunks}</strong>,
          })}
        </p>
      ) : null}
      <form action={formAction} noValidate className="grid max-w-2xl gap-4 sm:grid-cols-2" key={JSON.stringify(typed)}>
        <TaskIdField defaultValue={typed.taskId} errors={errors?.taskId} />
        <TextField
          label={t("correct.streamName")}
          name="streamName"
          required
          defaultValue={typed.streamName}
          errors={errors?.streamName}
          autoComplete="off"
          spellCheck={false}
          hint={t("correct.streamNameHint")}
        />
        <TextField
          label={t("fields.appNameOptional")}
          name="appName"
          defaultValue={typed.appName}
          errors={errors?.appName}
          hint={t("correct.appNameHint")}
        />
        <TextField
          label={t("fields.domainOptional")}
          name="domainName"
          defaultValue={typed.domainName}
          errors={errors?.domainName}
          hint={t("correct.domainHint")}
        />
        <TextField
          className="sm:col-span-2"
          label={t("fields.reason")}
          name="reason"
          required
          defaultValue={typed.reason}
          errors={errors?.reason}
          hint={t("correct.reasonHint")}
        />
        <div className="sm:col-span-2">
          <Button type="submit" busy={pending} busyLabel={t("correct.submitting")} data-testid="correct-submit">
            {t("correct.submit")}
          </Button>
        </div>
      </form>
      <div aria-live="polite" className="max-w-2xl">
        {failed && failed.code !== "InvalidInput" ? (
          <LiveErrorPanel
            heading={t("correct.failedHeading")}
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
            {t.rich("correct.corrected", {
              taskId: result.taskId,
              to: show(result.to),
              from: show(result.from),
              count: Math.max(0, result.bulkItemsUpdated),
              mono: (chunks) => <span className="font-mono">{chunks}</span>,
              link: (chunks) => (
                <Link
                  className="underline"
                  href={`/tasks?stream=${encodeURIComponent(result.to.streamName)}`}
                  data-testid="stop-it-now"
                >
                  {chunks}
                </Link>
              ),
            })}
          </div>
        ) : null}
      </div>
    </div>
  );
}
