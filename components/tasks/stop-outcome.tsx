"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, type ReactNode } from "react";
import { RequestIdLine } from "@/components/ui/copy-button";
import { LiveErrorPanel } from "@/components/ui/live-error-panel";
import type { StopTaskResult } from "@/lib/tasks/stop-task";

/** What a Stop answers, as the server declares it (lib/tasks/stop-task.ts). */
export type StopOutcome = StopTaskResult;

/**
 * Where keyboard focus goes when the outcome appears and focus was lost (the Stop button it came from turned
 * busy, or vanished when the row became "stopped"): onto the outcome itself, which is what the person is after.
 */
function FocusWhenLost({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const active = document.activeElement;
    if (!active || active === document.body) ref.current?.focus();
  }, []);
  return (
    <div ref={ref} tabIndex={-1} className="outline-none">
      {children}
    </div>
  );
}

/** The answer to one Stop, kept on screen until dismissed: RequestId on success, the explained error otherwise. */
export function StopOutcomePanel({ result, onDismiss }: { result: StopOutcome; onDismiss?: () => void }) {
  return (
    <FocusWhenLost>
      <StopOutcomeBody result={result} onDismiss={onDismiss} />
    </FocusWhenLost>
  );
}

function StopOutcomeBody({ result, onDismiss }: { result: StopOutcome; onDismiss?: () => void }) {
  const t = useTranslations("tasks");
  if (!result.ok) {
    return (
      <LiveErrorPanel
        heading={t("stopOutcome.failed")}
        code={result.code}
        message={result.message}
        explanation={result.explanation}
        requestId={result.requestId}
        onDismiss={onDismiss}
        testId="stop-error"
      />
    );
  }
  const note = result.alreadyStopped
    ? t("stopOutcome.alreadyStopped")
    : result.coalesced
      ? t("stopOutcome.coalesced")
      : t("stopOutcome.accepted");
  return (
    <div
      role="status"
      data-testid="stop-success"
      className="rounded-md border border-ok-300 bg-ok-50 p-3 text-sm text-slate-900 dark:border-ok-700 dark:bg-ok-700/20 dark:text-slate-100"
    >
      <div className="flex items-start justify-between gap-2">
        <p className="font-semibold text-ok-700 dark:text-ok-300">
          {t.rich("stopOutcome.stopped", {
            mono: (chunks) => <span className="font-mono">{chunks}</span>,
            taskId: result.taskId,
            streamName: result.streamName,
          })}
        </p>
        {onDismiss ? (
          <button type="button" onClick={onDismiss} className="rounded px-1.5 text-xs font-medium underline">
            {t("dismiss")}
          </button>
        ) : null}
      </div>
      <p className="mt-1">{note}</p>
      {result.requestId ? (
        <div className="mt-2">
          <RequestIdLine requestId={result.requestId} />
        </div>
      ) : null}
    </div>
  );
}
