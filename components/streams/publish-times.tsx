import { formatDuration, formatLocal, formatUtc } from "./time-format";

/** Publish times from the online list, each in local time and UTC, with how long ago. */
export function PublishTimes({ times, now }: { times: string[]; now: number }) {
  if (times.length === 0)
    return <p className="text-sm text-slate-600 dark:text-slate-400">Tencent listed no publish time.</p>;
  return (
    <ul className="space-y-1 text-sm" data-testid="publish-times">
      {times.map((t) => (
        <li key={t} suppressHydrationWarning>
          <time dateTime={t}>{formatLocal(t)}</time>{" "}
          <span className="text-slate-600 dark:text-slate-400">
            ({formatUtc(t)}; {formatDuration(now - Date.parse(t))} ago)
          </span>
        </li>
      ))}
    </ul>
  );
}
