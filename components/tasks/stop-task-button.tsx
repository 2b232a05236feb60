"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { StopOutcomePanel, type StopOutcome } from "./stop-outcome";
import { REASON_MIN } from "@/lib/validation/reason";

export interface StoppableTask {
  taskId: string;
  streamName: string;
  domainName?: string;
  appName?: string;
}

/** The server action (app/(console)/tasks/actions.ts stopTaskAction), passed in so components stay data-free. */
export type StopAction = (prev: StopOutcome | null, formData: FormData) => Promise<StopOutcome>;

export interface StopTaskButtonProps {
  task: StoppableTask;
  action: StopAction;
  /** Called when the call starts and ends, so a table can show "Stopping…" in the row. */
  onPendingChange?: (pending: boolean) => void;
  /** Called with the outcome; when absent the button shows the outcome itself, below it. */
  onResult?: (result: StopOutcome) => void;
}

/**
 * Stop with a confirmation that names the stream and TaskId and asks for a reason (Enter confirms, Escape
 * cancels). The dialog closes as soon as the request leaves so the row can show "Stopping…"; the outcome then
 * stays on screen until dismissed, and the list is refreshed so the row keeps it too.
 */
export function StopTaskButton({ task, action, onPendingChange, onResult }: StopTaskButtonProps) {
  const t = useTranslations("tasks");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string[] | undefined>();
  const [pending, setPending] = useState(false);
  const [own, setOwn] = useState<StopOutcome | null>(null);
  const [, startTransition] = useTransition();

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending) return; // a double click or a second Enter sends nothing more
    if (reason.trim().length < REASON_MIN) {
      setReasonError([t("reason.tooShort", { min: REASON_MIN })]);
      return;
    }
    const fd = new FormData(e.currentTarget);
    setOpen(false);
    setPending(true);
    onPendingChange?.(true);
    let result: StopOutcome;
    try {
      result = await action(null, fd);
    } catch {
      result = {
        ok: false,
        code: "RecDesk.NetworkError",
        message: t("stop.networkError"),
      };
    }
    setPending(false);
    onPendingChange?.(false);
    if (onResult) onResult(result);
    else setOwn(result);
    if (result.ok) setReason("");
    startTransition(() => router.refresh());
  }

  const hydrated = useHydrated();
  const label = t("stop.label", { taskId: task.taskId, streamName: task.streamName });
  return (
    <>
      <Button
        variant="danger"
        size="sm"
        busy={pending}
        busyLabel={t("stop.busy")}
        aria-label={pending ? t("stop.busyLabel", { taskId: task.taskId }) : label}
        data-testid="stop-button"
        disabled={!hydrated}
        onClick={() => {
          setReasonError(undefined);
          setOpen(true);
        }}
      >
        {t("stop.button")}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        testId="stop-dialog"
        title={t("stop.title")}
        description={
          task.appName || task.domainName
            ? t.rich("stop.descriptionWithPlace", {
                strong: (chunks) => <strong className="font-mono">{chunks}</strong>,
                where: (chunks) => <span className="text-slate-600 dark:text-slate-400">{chunks}</span>,
                streamName: task.streamName,
                place: [task.domainName, task.appName].filter(Boolean).join(" / "),
                taskId: task.taskId,
              })
            : t.rich("stop.description", {
                strong: (chunks) => <strong className="font-mono">{chunks}</strong>,
                streamName: task.streamName,
                taskId: task.taskId,
              })
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
            placeholder={t("stop.reasonPlaceholder")}
            hint={t("reason.hint")}
            value={reason}
            errors={reasonError}
            onChange={(e) => setReason(e.target.value)}
          />
          <div className="mt-4 flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              {t("cancel")}
            </Button>
            <Button type="submit" variant="danger" data-testid="confirm-stop">
              {t("stop.confirm")}
            </Button>
          </div>
        </form>
      </Dialog>
      {own ? (
        <div className="mt-2">
          <StopOutcomePanel result={own} onDismiss={() => setOwn(null)} />
        </div>
      ) : null}
    </>
  );
}
