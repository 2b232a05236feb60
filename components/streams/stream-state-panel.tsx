import { LiveErrorPanel, RequestIdLine, StatusBadge } from "@/components/ui";
import { STREAM_STATE_TEXT } from "@/lib/streams/stream-state";
import type { StreamDetail } from "@/lib/streams/types";

/** DescribeLiveStreamState's answer in plain words, or why there is none. */
export function StreamStatePanel({ state }: { state: StreamDetail["state"] }) {
  if (!state.ok) {
    return (
      <LiveErrorPanel
        heading="Could not read the stream state"
        code={state.code}
        message={state.message}
        explanation={state.explanation}
        requestId={state.requestId}
        testId="stream-state-error"
      >
        <p>Tencent advises treating a stream as possibly live when its state cannot be read.</p>
      </LiveErrorPanel>
    );
  }
  const text = STREAM_STATE_TEXT[state.state];
  return (
    <div className="space-y-2" data-testid="stream-state" data-state={state.state}>
      <p className="flex items-center gap-2">
        <span className="font-medium">State</span>
        <StatusBadge tone={text.tone}>{text.label}</StatusBadge>
        <code className="font-mono text-xs text-slate-600 dark:text-slate-400">{state.state}</code>
      </p>
      <p className="text-sm text-slate-700 dark:text-slate-300">{text.meaning}</p>
      <RequestIdLine requestId={state.requestId} />
    </div>
  );
}
