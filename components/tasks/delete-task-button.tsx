"use client";

import { useRouter } from "next/navigation";
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

// What each family's Delete does, said before anyone confirms (tencent-live-api.md §1.3, §1.9).
const CONSEQUENCE: Record<TaskFamily, string> = {
  legacy:
    "DeleteLiveRecord removes Tencent Cloud's record of this legacy task. Tencent refuses it while the task is recording: stop it first.",
  recordTask:
    "DeleteRecordTask deletes this task's configuration. It does NOT stop a recording that is running now: only future pushes are no longer recorded. To end a running recording, use Stop.",
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
      setReasonError([`Give a reason (at least ${REASON_MIN} characters): it goes into the audit trail.`]);
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
        message: "The request to the RecDesk server failed. Refresh the page to see the task before trying again.",
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
          busyLabel="Deleting…"
          aria-label={`Delete task ${task.taskId} of stream ${task.streamName}`}
          data-testid="delete-button"
          disabled={!hydrated}
          onClick={() => {
            setReasonError(undefined);
            setOpen(true);
          }}
        >
          Delete
        </Button>
      ) : null}
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        testId="delete-dialog"
        title={task.family === "recordTask" ? "Delete this task's configuration?" : "Delete this task's record?"}
        description={
          <>
            Stream <strong className="font-mono">{task.streamName}</strong>, TaskId{" "}
            <strong className="break-all font-mono">{task.taskId}</strong>. <span>{CONSEQUENCE[task.family]}</span>
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
            hint="Recorded in the audit trail with your name."
            value={reason}
            errors={reasonError}
            onChange={(e) => setReason(e.target.value)}
          />
          <div className="mt-4 flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" data-testid="confirm-delete">
              Delete
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
                Deleted task <span className="font-mono">{result.taskId}</span>
              </p>
              {result.requestId ? <RequestIdLine requestId={result.requestId} /> : null}
              <button type="button" onClick={dismiss} className="mt-1 text-xs font-medium underline">
                Dismiss
              </button>
            </div>
          ) : (
            <LiveErrorPanel
              heading="Delete failed"
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
