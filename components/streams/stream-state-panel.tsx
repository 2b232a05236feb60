import { getLocale, getTranslations } from "next-intl/server";
import { LiveErrorPanel, RequestIdLine, StatusBadge } from "@/components/ui";
import { localizeExplanation } from "@/lib/i18n/live-errors";
import { isLocale, DEFAULT_LOCALE } from "@/lib/i18n/locales";
import { STREAM_STATE_TONE } from "@/lib/streams/stream-state";
import type { StreamDetail } from "@/lib/streams/types";

/** DescribeLiveStreamState's answer in plain words, or why there is none. */
export async function StreamStatePanel({ state }: { state: StreamDetail["state"] }) {
  const [t, locale] = await Promise.all([getTranslations("streams.state"), getLocale()]);
  if (!state.ok) {
    return (
      <LiveErrorPanel
        heading={t("couldNotRead")}
        code={state.code}
        message={state.message}
        explanation={localizeExplanation(state.explanation, isLocale(locale) ? locale : DEFAULT_LOCALE)}
        requestId={state.requestId}
        testId="stream-state-error"
      >
        <p>{t("treatAsLive")}</p>
      </LiveErrorPanel>
    );
  }
  return (
    <div className="space-y-2" data-testid="stream-state" data-state={state.state}>
      <p className="flex items-center gap-2">
        <span className="font-medium">{t("label")}</span>
        <StatusBadge tone={STREAM_STATE_TONE[state.state]}>{t(`${state.state}.label`)}</StatusBadge>
        <code className="font-mono text-xs text-slate-600 dark:text-slate-400">{state.state}</code>
      </p>
      <p className="text-sm text-slate-700 dark:text-slate-300">{t(`${state.state}.meaning`)}</p>
      <RequestIdLine requestId={state.requestId} />
    </div>
  );
}
