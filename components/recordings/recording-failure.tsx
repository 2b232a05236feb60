import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { formatUtc } from "@/components/streams/time-format";
import type { RecordingFailure } from "@/lib/recordings/definitions";

/** A stream's latest record status, when Tencent reported that recording failed (332 record_start_failed / record_error). */
export function RecordingFailureNotice({ failure }: { failure: RecordingFailure }) {
  const t = useTranslations("recordings.failure");
  const mono = (chunks: ReactNode) => <code className="font-mono">{chunks}</code>;
  // Tencent's event name and error text are shown as Tencent sent them; only the sentence around them is ours.
  const errorText = failure.errorText && failure.errorText !== failure.recordEvent ? failure.errorText : "";
  return (
    <div
      role="status"
      data-testid="recording-failure"
      className="rounded-md border border-danger-300 bg-danger-50 p-3 text-sm text-slate-900 dark:border-danger-700 dark:bg-danger-700/20 dark:text-slate-100"
    >
      <p className="font-semibold text-danger-700 dark:text-danger-300">
        {t.rich("heading", {
          when: (chunks) => <time dateTime={failure.eventTime}>{chunks}</time>,
          at: formatUtc(failure.eventTime),
        })}
      </p>
      <p>
        {t.rich("body", {
          code: mono,
          task: mono,
          sent: (chunks) => <span translate="no">{chunks}</span>,
          event: failure.recordEvent,
          hasTask: failure.taskId ? "yes" : "no",
          taskId: failure.taskId ?? "",
          hasError: errorText ? "yes" : "no",
          errorText,
        })}
      </p>
    </div>
  );
}
