import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import type { LiveErrorExplanation } from "@/lib/action-result";
import { RequestIdLine } from "./copy-button";

export interface LiveErrorPanelProps {
  code: string;
  message: string;
  explanation?: LiveErrorExplanation;
  requestId?: string;
  /** Heading above the code, e.g. "Stop failed" (already in the reader's language); "The call failed" by default. */
  heading?: string;
  onDismiss?: () => void;
  /** Extra content under the next step (e.g. a link to check whether a task exists). */
  children?: ReactNode;
  testId?: string;
}

/**
 * Every user-visible failure: what code, what happened in plain words, what to do next, and the RequestId. The
 * explanation comes already in the reader's language (the server localizes it); the code and Tencent's message are
 * shown exactly as sent.
 */
export function LiveErrorPanel({
  code,
  message,
  explanation,
  requestId,
  heading,
  onDismiss,
  children,
  testId = "live-error",
}: LiveErrorPanelProps) {
  const t = useTranslations("liveErrors.panel");
  return (
    <div
      role="alert"
      data-testid={testId}
      data-code={code}
      className="rounded-md border border-danger-300 bg-danger-50 p-3 text-sm text-slate-900 dark:border-danger-700 dark:bg-danger-700/20 dark:text-slate-100"
    >
      <div className="flex items-start justify-between gap-2">
        <p className="font-semibold text-danger-700 dark:text-danger-300">
          {heading ?? t("defaultHeading")}
          {t("headingSeparator")}
          {explanation?.title ?? code}
        </p>
        {onDismiss ? (
          <button type="button" onClick={onDismiss} className="rounded px-1.5 text-xs font-medium underline">
            {t("dismiss")}
          </button>
        ) : null}
      </div>
      <p className="mt-1">
        <code data-testid="error-code" className="font-mono text-xs font-semibold">
          {code}
        </code>
        {message ? <span className="ml-1 break-words text-slate-700 dark:text-slate-300">— {message}</span> : null}
      </p>
      {explanation ? (
        <dl className="mt-2 space-y-1">
          <div>
            <dt className="inline font-medium">{t("whatHappened")}</dt>
            <dd className="inline" data-testid="error-meaning">
              {explanation.meaning}
            </dd>
          </div>
          <div>
            <dt className="inline font-medium">{t("nextStep")}</dt>
            <dd className="inline" data-testid="error-next-step">
              {explanation.nextStep}
            </dd>
          </div>
        </dl>
      ) : null}
      {children ? <div className="mt-2">{children}</div> : null}
      {requestId ? (
        <div className="mt-2">
          <RequestIdLine requestId={requestId} />
        </div>
      ) : null}
    </div>
  );
}
