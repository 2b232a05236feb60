"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { RequestIdLine } from "@/components/ui/copy-button";
import { LiveErrorPanel } from "@/components/ui/live-error-panel";
import type { ActionResult } from "@/lib/action-result";

export type StartOutcome = ActionResult<{
  taskId: string;
  streamName: string;
  state: string;
  startTimeCst?: string;
  endTimeCst?: string;
}> & {
  mayExist?: boolean;
  streamHref?: string;
};
export type StartAction = (prev: StartOutcome | null, formData: FormData) => Promise<StartOutcome>;

/** The answer to a Start of either family: the new TaskId and RequestId, or the explained error ("may exist" on a timeout). */
export function StartOutcomePanel({
  result,
  typedStreamName,
}: {
  result: StartOutcome | null;
  typedStreamName?: string;
}) {
  const t = useTranslations("taskForms.startOutcome");
  const failed = result && !result.ok ? result : null;
  return (
    <div aria-live="polite" className="max-w-3xl">
      {failed && failed.code === "InvalidInput" ? (
        <p role="alert" className="text-sm text-danger-700 dark:text-danger-300">
          {failed.message}
        </p>
      ) : null}
      {failed && failed.code !== "InvalidInput" ? (
        <LiveErrorPanel
          heading={t("failedHeading")}
          code={failed.code}
          message={failed.message}
          explanation={failed.explanation}
          requestId={failed.requestId}
        >
          {failed.mayExist ? (
            <p data-testid="may-exist">
              {t.rich("mayExist", {
                strong: (chunks) => <strong>{chunks}</strong>,
                stream: (chunks) =>
                  failed.streamHref ? (
                    <Link className="underline" href={failed.streamHref}>
                      {chunks}
                    </Link>
                  ) : (
                    chunks
                  ),
                list: (chunks) => (
                  <Link className="underline" href={`/tasks?stream=${encodeURIComponent(typedStreamName ?? "")}`}>
                    {chunks}
                  </Link>
                ),
              })}
            </p>
          ) : null}
        </LiveErrorPanel>
      ) : null}
      {result?.ok ? (
        <div
          role="status"
          data-testid="start-success"
          className="space-y-1 rounded-md border border-ok-300 bg-ok-50 p-3 text-sm dark:border-ok-700 dark:bg-ok-700/20"
        >
          <p className="font-semibold text-ok-700 dark:text-ok-300">
            {t.rich("created", {
              taskId: result.taskId,
              state: result.state,
              mono: (chunks) => <span className="font-mono">{chunks}</span>,
            })}
          </p>
          {result.startTimeCst || result.endTimeCst ? (
            <p>
              {t("sentAs", {
                start: result.startTimeCst ?? t("sentNow"),
                end: result.endTimeCst ?? t("sentTencentDefault"),
              })}
            </p>
          ) : null}
          {result.requestId ? <RequestIdLine requestId={result.requestId} /> : null}
          <p>
            {t.rich("seeInList", {
              link: (chunks) => (
                <Link className="underline" href={`/tasks?stream=${encodeURIComponent(result.streamName)}`}>
                  {chunks}
                </Link>
              ),
            })}
          </p>
        </div>
      ) : null}
    </div>
  );
}
