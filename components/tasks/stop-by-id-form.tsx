"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
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
  const t = useTranslations("taskForms");
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
          label={t("fields.streamName")}
          name="streamName"
          required
          defaultValue={typed?.streamName}
          errors={errors?.streamName}
          autoComplete="off"
          spellCheck={false}
          hint={t("stopById.streamNameHint")}
        />
        <TaskIdField defaultValue={typed?.taskId} errors={errors?.taskId} anyFamily />
        <TextField
          label={t("fields.appNameOptional")}
          name="appName"
          defaultValue={typed?.appName}
          errors={errors?.appName}
          hint={t("stopById.appNameHint")}
        />
        <TextField
          label={t("fields.domainOptional")}
          name="domainName"
          defaultValue={typed?.domainName}
          errors={errors?.domainName}
          hint={t("stopById.domainHint")}
        />
        <TextField
          className="sm:col-span-2"
          label={t("fields.reason")}
          name="reason"
          required
          defaultValue={typed?.reason}
          errors={errors?.reason}
          hint={t("stopById.reasonHint")}
        />
        <div className="sm:col-span-2">
          <Button
            type="submit"
            variant="danger"
            busy={pending}
            busyLabel={t("stopById.submitting")}
            data-testid="stop-by-id-submit"
          >
            {t("stopById.submit")}
          </Button>
        </div>
      </form>

      <Dialog
        open={confirming !== null}
        onClose={() => setConfirming(null)}
        title={t("stopById.confirmTitle")}
        testId="stop-dialog"
        description={t.rich("stopById.confirmDescription", {
          streamName: String(confirming?.get("streamName") ?? ""),
          taskId: String(confirming?.get("taskId") ?? ""),
          family: familyOfTaskId(String(confirming?.get("taskId") ?? "").trim()),
          strong: (chunks) => <strong className="font-mono">{chunks}</strong>,
        })}
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
              {t("stopById.cancel")}
            </Button>
            <Button type="submit" variant="danger" autoFocus data-testid="confirm-stop">
              {t("stopById.confirm")}
            </Button>
          </div>
        </form>
      </Dialog>

      <div aria-live="polite">
        {pending ? (
          <p className="text-sm font-medium" data-testid="stop-pending">
            {t("stopById.pending")}
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
                {t.rich("stopById.inRegistry", {
                  link: (chunks) => (
                    <Link
                      className="underline"
                      href={`/tasks?stream=${encodeURIComponent(String(shown.ok ? shown.streamName : (shown.values?.streamName ?? "")))}`}
                    >
                      {chunks}
                    </Link>
                  ),
                })}
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
  const t = useTranslations("taskForms.stopById");
  if (!canCorrect) {
    return (
      <p className="text-sm" data-testid="mismatch-ask">
        {t("mismatchAsk")}
      </p>
    );
  }
  const query = new URLSearchParams();
  for (const k of ["taskId", "streamName", "appName", "domainName", "reason"]) if (typed[k]) query.set(k, typed[k]);
  return (
    <p className="text-sm" data-testid="mismatch-offer">
      {t.rich("mismatchOffer", {
        streamName: typed.streamName ?? "",
        link: (chunks) => (
          <Link className="font-medium underline" href={`/tasks/correct?${query}`} data-testid="mismatch-correct-link">
            {chunks}
          </Link>
        ),
      })}
    </p>
  );
}
