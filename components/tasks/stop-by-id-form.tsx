"use client";

import Link from "next/link";
import { startTransition, useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { StopOutcomePanel, type StopOutcome } from "./stop-outcome";
import type { StopAction } from "./stop-task-button";
import { TaskIdField } from "./task-id-field";
import { familyOfTaskId } from "@/lib/tasks/task-family";

/**
 * Stop by ID: what `tccli live StopLiveRecord --StreamName … --TaskId …` did, with a confirmation, a reason and
 * an audit record. The TaskId stays text end to end (it can exceed 2^53).
 */
export function StopByIdForm({ action, canCorrect = false }: { action: StopAction; canCorrect?: boolean }) {
  const [result, formAction, pending] = useActionState<StopOutcome | null, FormData>(action, null);
  const [confirming, setConfirming] = useState<FormData | null>(null);
  const [dismissed, setDismissed] = useState<StopOutcome | null>(null);
  const typed = !result || result.ok ? undefined : result.values;
  const errors = !result || result.ok ? undefined : result.fieldErrors;
  const shown = result && result !== dismissed ? result : null;

  return (
    <div className="space-y-4">
      <form
        className="grid max-w-2xl gap-4 sm:grid-cols-2"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setConfirming(new FormData(e.currentTarget));
        }}
        // Re-mount with the server's echo of what was typed after an error, so nothing is lost.
        key={JSON.stringify(typed ?? {})}
      >
        <TextField
          label="Stream name"
          name="streamName"
          required
          defaultValue={typed?.streamName}
          errors={errors?.streamName}
          autoComplete="off"
          spellCheck={false}
          hint="StreamName exactly as pushed, e.g. room_00012"
        />
        <TaskIdField defaultValue={typed?.taskId} errors={errors?.taskId} anyFamily />
        <TextField
          label="App name (optional)"
          name="appName"
          defaultValue={typed?.appName}
          errors={errors?.appName}
          hint="Defaults to live; kept with the registered task"
        />
        <TextField
          label="Domain (optional)"
          name="domainName"
          defaultValue={typed?.domainName}
          errors={errors?.domainName}
          hint="Push domain, kept with the registered task"
        />
        <TextField
          className="sm:col-span-2"
          label="Reason"
          name="reason"
          required
          defaultValue={typed?.reason}
          errors={errors?.reason}
          hint="Recorded in the audit trail with your name, e.g. ticket #1234"
        />
        <div className="sm:col-span-2">
          <Button type="submit" variant="danger" busy={pending} busyLabel="Stopping…" data-testid="stop-by-id-submit">
            Stop recording…
          </Button>
        </div>
      </form>

      <Dialog
        open={confirming !== null}
        onClose={() => setConfirming(null)}
        title="Stop this recording?"
        testId="stop-dialog"
        description={
          <>
            Stream <strong className="font-mono">{String(confirming?.get("streamName") ?? "")}</strong>, TaskId{" "}
            <strong className="font-mono">{String(confirming?.get("taskId") ?? "")}</strong>. RecDesk registers the task
            and sends{" "}
            {familyOfTaskId(String(confirming?.get("taskId") ?? "").trim()) === "recordTask"
              ? "StopRecordTask (a RecordTask TaskId)"
              : "StopLiveRecord (a legacy TaskId)"}{" "}
            to Tencent Cloud.
          </>
        }
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const fd = confirming;
            setConfirming(null);
            if (fd) startTransition(() => formAction(fd));
          }}
        >
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={() => setConfirming(null)}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" autoFocus data-testid="confirm-stop">
              Stop recording
            </Button>
          </div>
        </form>
      </Dialog>

      <div aria-live="polite">
        {pending ? (
          <p className="text-sm font-medium" data-testid="stop-pending">
            Stopping… waiting for Tencent Cloud.
          </p>
        ) : null}
        {shown && !pending ? (
          <div className="max-w-2xl space-y-2">
            <StopOutcomePanel result={shown} onDismiss={() => setDismissed(shown)} />
            {!shown.ok && shown.code === "RecDesk.StreamMismatch" ? (
              <MismatchOffer typed={shown.values ?? {}} canCorrect={canCorrect} />
            ) : null}
            {shown.ok || shown.code !== "InvalidInput" ? (
              <p className="text-sm">
                The task is in the registry:{" "}
                <Link
                  className="underline"
                  href={`/tasks?stream=${encodeURIComponent(String(shown.ok ? shown.streamName : (shown.values?.streamName ?? "")))}`}
                >
                  see it in the task list
                </Link>
                .
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}

/**
 * The typed stream differs from the registry's. Which one is right only the ticket (or Tencent) can say, so
 * this is one click to a correction form already filled in with what was typed, reason included; after the
 * correction, Stop works from the task list. Roles that may not correct are told whom to ask.
 */
function MismatchOffer({ typed, canCorrect }: { typed: Record<string, string>; canCorrect: boolean }) {
  if (!canCorrect) {
    return (
      <p className="text-sm" data-testid="mismatch-ask">
        If the ticket&apos;s stream name is right, ask an on-call engineer or an admin to correct the task&apos;s
        registration.
      </p>
    );
  }
  const query = new URLSearchParams();
  for (const k of ["taskId", "streamName", "appName", "domainName", "reason"]) if (typed[k]) query.set(k, typed[k]);
  return (
    <p className="text-sm" data-testid="mismatch-offer">
      If the ticket is right and the registration wrong:{" "}
      <Link className="font-medium underline" href={`/tasks/correct?${query}`} data-testid="mismatch-correct-link">
        Correct the registration to “{typed.streamName}”
      </Link>
      , then stop it.
    </p>
  );
}
