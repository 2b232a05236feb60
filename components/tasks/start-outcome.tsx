"use client";

import Link from "next/link";
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
          heading="Recording not started"
          code={failed.code}
          message={failed.message}
          explanation={failed.explanation}
          requestId={failed.requestId}
        >
          {failed.mayExist ? (
            <p data-testid="may-exist">
              <strong>The task may exist.</strong> Before trying again, check{" "}
              {failed.streamHref ? (
                <Link className="underline" href={failed.streamHref}>
                  the stream&apos;s page
                </Link>
              ) : (
                "the stream's page"
              )}{" "}
              and the{" "}
              <Link className="underline" href={`/tasks?stream=${encodeURIComponent(typedStreamName ?? "")}`}>
                task list
              </Link>
              ; if a task appears in the Tencent Cloud console, register it here instead of creating a second one.
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
            Recording task <span className="font-mono">{result.taskId}</span> created ({result.state}).
          </p>
          {result.startTimeCst || result.endTimeCst ? (
            <p>
              Sent as China Standard Time: {result.startTimeCst ?? "now"} → {result.endTimeCst ?? "Tencent default"}.
            </p>
          ) : null}
          {result.requestId ? <RequestIdLine requestId={result.requestId} /> : null}
          <p>
            <Link className="underline" href={`/tasks?stream=${encodeURIComponent(result.streamName)}`}>
              See it in the task list
            </Link>
            .
          </p>
        </div>
      ) : null}
    </div>
  );
}
