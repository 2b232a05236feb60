"use client";

import { useLocale, useTranslations } from "next-intl";
import { LiveErrorPanel } from "@/components/ui";
import type { ExplainedUpstreamError } from "@/lib/streams/types";
import { formatClock } from "./time-format";

/**
 * The last sweep of the online list failed: say so, and say how old the list still on screen is. The
 * explanation arrives already in the reader's language (lib/streams/streams-page.ts localizes it on the server).
 */
export function UpstreamErrorPanel({
  error,
  hasData,
  fetchedAt,
}: {
  error: ExplainedUpstreamError;
  hasData: boolean;
  fetchedAt: string | null;
}) {
  const t = useTranslations("streams.upstream");
  const locale = useLocale();
  return (
    <LiveErrorPanel
      heading={t("heading")}
      code={error.code}
      message={error.message}
      explanation={error.explanation}
      requestId={error.requestId}
      testId="streams-upstream-error"
    >
      <p data-testid="stale-note" suppressHydrationWarning>
        {t.rich("failedAt", {
          clock: formatClock(error.at, locale),
          when: (chunks) => <time dateTime={error.at}>{chunks}</time>,
        })}{" "}
        {hasData && fetchedAt
          ? t.rich("staleList", {
              clock: formatClock(fetchedAt, locale),
              when: (chunks) => <time dateTime={fetchedAt}>{chunks}</time>,
            })
          : t("noEarlierList")}
      </p>
    </LiveErrorPanel>
  );
}
