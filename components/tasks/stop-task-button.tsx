"use client";

import { useRouter } from "next/navigation";
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
      setReasonError([`Give a reason (at least ${REASON_MIN} characters): it goes into the audit trail.`]);
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
        message:
          "The request to the RecDesk server failed. Refresh the page to see the task's state before trying again.",
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
  const label = `Stop recording task ${task.taskId} of stream ${task.streamName}`;
  return (
    <>
      <Button
        variant="danger"
        size="sm"
        busy={pending}
        busyLabel="Stopping…"
        aria-label={pending ? `Stopping task ${task.taskId}` : label}
        data-testid="stop-button"
        disabled={!hydrated}
        onClick={() => {
          setReasonError(undefined);
          setOpen(true);
        }}
      >
        Stop
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        testId="stop-dialog"
        title="Stop this recording?"
        description={
          <>
            Stream <strong className="font-mono">{task.streamName}</strong>
            {task.appName || task.domainName ? (
              <span className="text-slate-600 dark:text-slate-400">
                {" "}
                ({[task.domainName, task.appName].filter(Boolean).join(" / ")})
              </span>
            ) : null}
            , TaskId <strong className="font-mono">{task.taskId}</strong>. Tencent Cloud ends the recording and will not
            restart it.
          </>
        }
      >
        <form onSubmit={submit} noValidate>
          <input type="hidden" name="taskId" value={task.taskId} />
          <input type="hidden" name="streamName" value={task.streamName} />
          <TextField
            label="Reason"
            name="reason"
            required
            autoFocus
            autoComplete="off"
            placeholder="e.g. customer ticket #1234, runaway recording"
            hint="Recorded in the audit trail with your name."
            value={reason}
            errors={reasonError}
            onChange={(e) => setReason(e.target.value)}
          />
          <div className="mt-4 flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" data-testid="confirm-stop">
              Stop recording
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
