import "server-only";
import { runningBulkWorker } from "@/lib/bulk";
import { closeDatabase } from "@/lib/db";
import { waitForInFlight } from "./in-flight";
import { componentLogger } from "./logger";
import { observabilitySettings } from "./settings";
import { isShuttingDown, markShuttingDown } from "./shutdown-state";

// Extra time after the grace period for closing the database before the process gives up and exits anyway.
const CLOSE_TIMEOUT_MS = 5_000;

/**
 * SIGTERM/SIGINT: readiness turns 503, the bulk worker stops claiming, calls already in flight finish (up to
 * RECDESK_SHUTDOWN_GRACE_MS) and record their outcomes, the bulk lease is released so another instance takes
 * over at once, the database closes, exit 0.
 *
 * Next's own handler (start-server.js) closes the HTTP server and exits 143/130 without waiting for any of this,
 * so ours replaces it. NEXT_MANUAL_SIG_HANDLE=1 (set by `npm start` and the image) keeps Next from installing
 * it at all; removing it here covers a server started without that variable.
 */
export function installShutdownHandlers(): void {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
    process.on(signal, () => void shutdown(signal));
  }
}

async function shutdown(signal: string): Promise<void> {
  if (isShuttingDown()) return; // a second signal (Ctrl+C twice, the shell and Docker both) changes nothing
  markShuttingDown();
  const log = componentLogger("shutdown");
  const graceMs = observabilitySettings(process.env, true).RECDESK_SHUTDOWN_GRACE_MS;
  const started = performance.now();
  log.info({ event: "shutdown.start", signal, graceMs }, `${signal}: shutting down`);
  setTimeout(() => {
    log.error({ event: "shutdown.timeout" }, "shutdown did not finish in time; exiting anyway");
    process.exit(1);
  }, graceMs + CLOSE_TIMEOUT_MS).unref();
  let code = 0;
  try {
    const worker = await runningBulkWorker();
    const [bulk, actions] = await Promise.all([worker?.stop({ graceMs }), waitForInFlight(graceMs)]);
    const unfinished = (bulk?.inFlight ?? 0) + actions;
    if (unfinished > 0)
      log.warn(
        { event: "shutdown.grace-exceeded", unfinished },
        `${unfinished} call(s) still in flight after ${graceMs} ms; recovery on the next start or instance decides them`,
      );
    await closeDatabase();
    log.info({ event: "shutdown.done", durationMs: Math.round(performance.now() - started) }, "shut down cleanly");
  } catch (err) {
    code = 1;
    log.error({ event: "shutdown.failed", err }, `shutdown failed: ${(err as Error).message}`);
  }
  process.exit(code);
}
