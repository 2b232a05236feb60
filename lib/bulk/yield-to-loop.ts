/**
 * PGlite runs each query synchronously on this thread and resolves it as a microtask, so dozens of lanes
 * chaining queries can keep timers and sockets waiting for seconds (long enough for the client's own
 * timeouts to fire on answers that already arrived). A macrotask hop between steps lets I/O through.
 */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
