import { parentPort, threadId, workerData } from "node:worker_threads";
import { startSimulator } from "./index";
import type { ThreadAnswer, ThreadQueries, ThreadReady, ThreadRequest, ThreadStart } from "./thread-protocol";

// The simulator on its own thread (demo mode, ./thread.ts): HTTP serving, TC3 verification and callback posting
// then use this thread's event loop instead of the one Next's requests and PGlite share.

const port = parentPort!;
const start = workerData as ThreadStart;

async function main(): Promise<void> {
  const sim = await startSimulator(start.options);
  if (start.callbacks) sim.bindCallbacks(start.callbacks);
  const queries: ThreadQueries = {
    listTasks: () => sim.listTasks(),
    callCount: (action) => sim.callCount(action),
    rateWindows: (action) => sim.rateWindows(action),
  };
  port.on("message", (m: ThreadRequest | { type: "close" }) => {
    if ("type" in m) {
      void sim.close().then(() => port.close());
      return;
    }
    let answer: ThreadAnswer;
    try {
      const fn = queries[m.query] as (...a: unknown[]) => unknown;
      answer = { id: m.id, value: fn(...m.args) };
    } catch (err) {
      answer = { id: m.id, error: err instanceof Error ? err.message : String(err) };
    }
    port.postMessage(answer);
  });
  port.postMessage({ type: "ready", url: sim.url, port: sim.port, threadId } satisfies ThreadReady);
}

main().catch((err: unknown) => {
  const e = err as NodeJS.ErrnoException;
  port.postMessage({ type: "failed", message: e.message ?? String(err), code: e.code } satisfies ThreadReady);
});
