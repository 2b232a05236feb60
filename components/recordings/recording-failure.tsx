import { formatUtc } from "@/components/streams/time-format";
import type { RecordingFailure } from "@/lib/recordings/definitions";

/** A stream's latest record status, when Tencent reported that recording failed (332 record_start_failed / record_error). */
export function RecordingFailureNotice({ failure }: { failure: RecordingFailure }) {
  return (
    <div
      role="status"
      data-testid="recording-failure"
      className="rounded-md border border-danger-300 bg-danger-50 p-3 text-sm text-slate-900 dark:border-danger-700 dark:bg-danger-700/20 dark:text-slate-100"
    >
      <p className="font-semibold text-danger-700 dark:text-danger-300">
        Recording failed at <time dateTime={failure.eventTime}>{formatUtc(failure.eventTime)}</time>
      </p>
      <p>
        Tencent reported <code className="font-mono">{failure.recordEvent}</code>
        {failure.taskId ? (
          <>
            {" "}
            for task <code className="font-mono">{failure.taskId}</code>
          </>
        ) : null}
        {failure.errorText && failure.errorText !== failure.recordEvent ? `: ${failure.errorText}` : ""}. Check the
        stream is still pushing and the recording template, then start the recording again.
      </p>
    </div>
  );
}
