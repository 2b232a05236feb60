"use client";

import { useEffect, useState } from "react";

export interface PolledPage<T> {
  /** The latest answer, or the previous query's while the current one is on its way. */
  data: T | undefined;
  /** The last failure of the current query; cleared by its next success. */
  error: Error | null;
  /** No answer yet, for any query. */
  isPending: boolean;
  /** `data` answers an earlier query: show it dimmed. */
  isPlaceholderData: boolean;
}

/**
 * The Streams page's one piece of client-side fetching: the answer for `key`, refetched every `intervalMs`
 * unless paused, the previous answer kept on screen while a new key loads, and a superseded request aborted.
 * Hand-written rather than TanStack Query, whose ~15 kB (compressed) would otherwise load with the page for
 * this alone.
 */
export function usePolledPage<T>(
  key: string,
  load: (key: string, signal: AbortSignal) => Promise<T>,
  { intervalMs, paused, initial }: { intervalMs: number; paused: boolean; initial?: { key: string; data: T } },
): PolledPage<T> {
  // What answered which key: the data may belong to an earlier key than the error.
  const [state, setState] = useState<{
    dataKey: string | null;
    data: T | undefined;
    errorKey: string | null;
    error: Error | null;
  }>(() => ({ dataKey: initial?.key ?? null, data: initial?.data, errorKey: null, error: null }));
  const fresh = state.dataKey === key && state.errorKey !== key;

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      try {
        const data = await load(key, controller.signal);
        if (!controller.signal.aborted) setState({ dataKey: key, data, errorKey: null, error: null });
      } catch (err) {
        if (controller.signal.aborted) return;
        setState((s) => ({ ...s, errorKey: key, error: err as Error }));
      }
      if (!paused && !controller.signal.aborted) timer = setTimeout(run, intervalMs);
    };
    // The answer the server rendered is fresh: wait one interval before asking again.
    if (fresh) {
      if (!paused) timer = setTimeout(run, intervalMs);
    } else void run();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
    // `fresh` and `load` are read when the key or the pause changes, not tracked: a new answer must not restart
    // the timer it just scheduled, and `load` is a module function.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, paused, intervalMs]);

  const error = state.errorKey === key ? state.error : null;
  return {
    data: state.data,
    error,
    isPending: state.data === undefined && error === null,
    isPlaceholderData: state.data !== undefined && state.dataKey !== key,
  };
}
