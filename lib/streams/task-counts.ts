import type { RunningTaskCount } from "@/lib/tasks/counts";

export interface StreamKey {
  domainName: string;
  appName: string;
  streamName: string;
}

/**
 * Counts for each stream. StopLiveRecord needs only StreamName and TaskId, so a task registered by hand
 * may carry no domain (""), or no app: such a task counts for every online stream of that name that
 * the missing parts do not contradict.
 */
export function runningTasksFor(streams: readonly StreamKey[], counts: readonly RunningTaskCount[]): number[] {
  const byName = new Map<string, RunningTaskCount[]>();
  for (const c of counts) {
    const list = byName.get(c.streamName);
    if (list) list.push(c);
    else byName.set(c.streamName, [c]);
  }
  return streams.map((s) => {
    let n = 0;
    for (const c of byName.get(s.streamName) ?? []) {
      if ((c.domainName === "" || c.domainName === s.domainName) && (c.appName === "" || c.appName === s.appName)) n += c.running;
    }
    return n;
  });
}
