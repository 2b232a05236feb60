export interface StreamKey {
  domainName: string;
  appName: string;
  streamName: string;
}

/**
 * Each stream's running-task count from the registry's counts keyed "domain/app/stream"
 * (lib/tasks/registry.ts countRunningTasksByStream). StopLiveRecord needs only StreamName and TaskId, so a
 * task registered by hand may carry no domain (""): such a task counts for every online stream of that
 * name and app. Names cannot contain "/" (lib/tencent-live/validation.ts), so the key splits cleanly.
 */
export function runningTasksFor(streams: readonly StreamKey[], counts: ReadonlyMap<string, number>): number[] {
  const byName = new Map<string, { domainName: string; appName: string; running: number }[]>();
  for (const [key, running] of counts) {
    const [domainName = "", appName = "", ...rest] = key.split("/");
    const streamName = rest.join("/");
    const list = byName.get(streamName) ?? [];
    list.push({ domainName, appName, running });
    byName.set(streamName, list);
  }
  return streams.map((s) => {
    let n = 0;
    for (const c of byName.get(s.streamName) ?? []) {
      if (
        (c.domainName === "" || c.domainName === s.domainName.toLowerCase() || c.domainName === s.domainName) &&
        c.appName === s.appName
      )
        n += c.running;
    }
    return n;
  });
}
