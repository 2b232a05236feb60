import { LiveErrorPanel } from "@/components/ui";
import type { ExplainedUpstreamError } from "@/lib/streams/types";
import { formatClock } from "./time-format";

/** The last sweep of the online list failed: say so, and say how old the list still on screen is. */
export function UpstreamErrorPanel({
  error,
  hasData,
  fetchedAt,
}: {
  error: ExplainedUpstreamError;
  hasData: boolean;
  fetchedAt: string | null;
}) {
  return (
    <LiveErrorPanel
      heading="Tencent Cloud did not return the stream list"
      code={error.code}
      message={error.message}
      explanation={error.explanation}
      requestId={error.requestId}
      testId="streams-upstream-error"
    >
      <p data-testid="stale-note" suppressHydrationWarning>
        Failed at <time dateTime={error.at}>{formatClock(error.at)}</time>.{" "}
        {hasData && fetchedAt ? (
          <>
            The list below is the last good one, from <time dateTime={fetchedAt}>{formatClock(fetchedAt)}</time>;
            RecDesk keeps trying.
          </>
        ) : (
          "No earlier list to show; RecDesk keeps trying."
        )}
      </p>
    </LiveErrorPanel>
  );
}
