"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { LiveErrorPanel } from "@/components/ui/live-error-panel";
import type { ActionResult } from "@/lib/action-result";
import { TaskIdField } from "./task-id-field";

export type RegisterOutcome = ActionResult<{ taskId: string; streamName: string; alreadyKnown: boolean }>;
export type RegisterAction = (prev: RegisterOutcome | null, formData: FormData) => Promise<RegisterOutcome>;

/** Tell RecDesk about an existing task (nothing is sent to Tencent Cloud). */
export function RegisterTaskForm({ action }: { action: RegisterAction }) {
  const t = useTranslations("taskForms");
  const [result, formAction, pending] = useActionState<RegisterOutcome | null, FormData>(action, null);
  const failed = result && !result.ok ? result : null;
  const typed = failed?.values;
  const errors = failed?.fieldErrors;
  return (
    <div className="space-y-4">
      <form
        action={formAction}
        noValidate
        className="grid max-w-2xl gap-4 sm:grid-cols-2"
        key={JSON.stringify(typed ?? {})}
      >
        <TextField
          label={t("fields.streamName")}
          name="streamName"
          required
          defaultValue={typed?.streamName}
          errors={errors?.streamName}
          autoComplete="off"
          spellCheck={false}
        />
        <TaskIdField defaultValue={typed?.taskId} errors={errors?.taskId} />
        <TextField
          label={t("fields.appNameOptional")}
          name="appName"
          defaultValue={typed?.appName}
          errors={errors?.appName}
          hint={t("register.appNameHint")}
        />
        <TextField
          label={t("fields.domainOptional")}
          name="domainName"
          defaultValue={typed?.domainName}
          errors={errors?.domainName}
          hint={t("register.domainHint")}
        />
        <TextField
          className="sm:col-span-2"
          label={t("register.note")}
          name="note"
          defaultValue={typed?.note}
          errors={errors?.note}
          hint={t("register.noteHint")}
        />
        <div className="sm:col-span-2">
          <Button type="submit" busy={pending} busyLabel={t("register.submitting")}>
            {t("register.submit")}
          </Button>
        </div>
      </form>
      <div aria-live="polite" className="max-w-2xl">
        {failed && failed.code !== "InvalidInput" ? (
          <LiveErrorPanel
            heading={t("register.failedHeading")}
            code={failed.code}
            message={failed.message}
            explanation={failed.explanation}
            requestId={failed.requestId}
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
            data-testid="register-success"
            className="rounded-md border border-ok-300 bg-ok-50 p-3 text-sm dark:border-ok-700 dark:bg-ok-700/20"
          >
            {t.rich(result.alreadyKnown ? "register.alreadyKnown" : "register.registered", {
              taskId: result.taskId,
              streamName: result.streamName,
              mono: (chunks) => <span className="font-mono">{chunks}</span>,
              link: (chunks) => (
                <Link className="underline" href={`/tasks?stream=${encodeURIComponent(result.streamName)}`}>
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
