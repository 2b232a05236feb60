"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { RequestIdLine } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { LiveErrorPanel } from "@/components/ui/live-error-panel";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { DeleteTaskResult } from "@/lib/tasks/delete-task";
import type { TaskFamily } from "@/lib/tasks/task-family";
import { REASON_MIN } from "@/lib/validation/reason";

export type DeleteOutcome = DeleteTaskResult;
/** The server action (app/(console)/tasks/actions.ts deleteTaskAction), passed in so components stay data-free. */
export type DeleteAction = (prev: DeleteOutcome | null, formData: FormData) => Promise<DeleteOutcome>;

// What each family's Delete does, said before anyone confirms (tencent-live-api.md §1.3, §1.9): catalog keys.
const CONSEQUENCE: Record<TaskFamily, "delete.consequenceLegacy" | "delete.consequenceRecordTask"> = {
  legacy: "delete.consequenceLegacy",
  recordTask: "delete.consequenceRecordTask",
};

/** Delete with a confirmation that says what the family's Delete does, and a required reason for the audit trail. */
export function DeleteTaskButton({
  task,
  action,
  showButton = true,
  onActiveChange,
}: {
  task: { taskId: string; streamName: string; family: TaskFamily };
  action: DeleteAction;
  /** False once the task is deleted: only the outcome (until dismissed) stays. */
  showButton?: boolean;
  /** True from the request until its outcome is dismissed, so a table can keep the row on screen meanwhile. */
  onActiveChange?: (active: boolean) => void;
}) {
  const t = useTranslations("tasks");
  const router = useRouter();
  const hydrated = useHydrated();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string[] | undefined>();
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<DeleteOutcome | null>(null);
  const [, startTransition] = useTransition();

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending) return;
    if (reason.trim().length < REASON_MIN) {
      setReasonError([t("reason.tooShort", { min: REASON_MIN })]);
      return;
    }
    const fd = new FormData(e.currentTarget);
    setOpen(false);
    setPending(true);
    onActiveChange?.(true);
    let r: DeleteOutcome;
    try {
      r = await action(null, fd);
    } catch {
      r = {
        ok: false,
        code: "RecDesk.NetworkError",
        message: t("delete.networkError"),
      };
    }
    setPending(false);
    setResult(r);
    if (r.ok) setReason("");
    startTransition(() => router.refresh());
  }
  const dismiss = () => {
    setResult(null);
    onActiveChange?.(false);
  };

  return (
    <>
      {showButton || pending ? (
        <Button
          variant="secondary"
          size="sm"
          busy={pending}
          busyLabel={t("delete.busy")}
          aria-label={t("delete.label", { taskId: task.taskId, streamName: task.streamName })}
          data-testid="delete-button"
          disabled={!hydrated}
          onClick={() => {
            setReasonError(undefined);
            setOpen(true);
          }}
        >
          {t("delete.button")}
        </Button>
      ) : null}
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        testId="delete-dialog"
        title={task.family === "recordTask" ? t("delete.titleRecordTask") : t("delete.titleLegacy")}
        description={
          <>
            {t.rich("delete.description", {
              strong: (chunks) => <strong className="font-mono">{chunks}</strong>,
              id: (chunks) => <strong className="break-all font-mono">{chunks}</strong>,
              streamName: task.streamName,
              taskId: task.taskId,
              consequence: () => <span>{t(CONSEQUENCE[task.family])}</span>,
            })}
          </>
        }
      >
        <form onSubmit={submit} noValidate>
          <input type="hidden" name="taskId" value={task.taskId} />
          <input type="hidden" name="streamName" value={task.streamName} />
          <TextField
            label={t("reason.label")}
            name="reason"
            required
            autoFocus
            autoComplete="off"
            hint={t("reason.hint")}
            value={reason}
            errors={reasonError}
            onChange={(e) => setReason(e.target.value)}
          />
          <div className="mt-4 flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              {t("cancel")}
            </Button>
            <Button type="submit" variant="danger" data-testid="confirm-delete">
              {t("delete.confirm")}
            </Button>
          </div>
        </form>
      </Dialog>
      {result ? (
        <div className="mt-2 max-w-md whitespace-normal">
          {result.ok ? (
            <div
              role="status"
              data-testid="delete-success"
              className="rounded-md border border-ok-300 bg-ok-50 p-3 text-sm text-slate-900 dark:border-ok-700 dark:bg-ok-700/20 dark:text-slate-100"
            >
              <p className="font-semibold text-ok-700 dark:text-ok-300">
                {t.rich("delete.deleted", {
                  mono: (chunks) => <span className="font-mono">{chunks}</span>,
                  taskId: result.taskId,
                })}
              </p>
              {result.requestId ? <RequestIdLine requestId={result.requestId} /> : null}
              <button type="button" onClick={dismiss} className="mt-1 text-xs font-medium underline">
                {t("dismiss")}
              </button>
            </div>
          ) : (
            <LiveErrorPanel
              heading={t("delete.failed")}
              code={result.code}
              message={result.message}
              explanation={result.explanation}
              requestId={result.requestId}
              onDismiss={dismiss}
              testId="delete-error"
            />
          )}
        </div>
      ) : null}
    </>
  );
}
