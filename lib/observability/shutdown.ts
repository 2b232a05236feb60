import "server-only";
import { runningBulkWorker } from "@/lib/bulk";
import { closeDatabase } from "@/lib/db";
import { waitForInFlight } from "./in-flight";
import { componentLogger } from "./logger";
import { observabilitySettings } from "./settings";
import { runShutdown } from "./shutdown-sequence";
import { isShuttingDown } from "./shutdown-state";

// Extra time after the grace period for closing the database before the process gives up and exits anyway.
const CLOSE_TIMEOUT_MS = 5_000;

/**
 * SIGTERM/SIGINT: readiness turns 503, the bulk worker stops claiming, calls already in flight finish (up to
 * RECDESK_SHUTDOWN_GRACE_MS) and record their outcomes, the bulk lease is released so another instance takes
 * over at once, the database closes, exit 0 (./shutdown-sequence.ts).
 *
 * Next's own handler (start-server.js) closes the HTTP server and exits 143/130 without waiting for any of this,
 * so ours replaces it. NEXT_MANUAL_SIG_HANDLE=true (set by the image and scripts/standalone-server.sh) keeps Next
 * from installing it at all; removing it here covers a server started without that variable.
 */
export function installShutdownHandlers(): void {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
    process.on(signal, () => void shutdown(signal));
  }
}

async function shutdown(signal: string): Promise<void> {
  if (isShuttingDown()) return; // a second signal (Ctrl+C twice, the shell and Docker both) changes nothing
  const log = componentLogger("shutdown");
  const graceMs = observabilitySettings(process.env, true).RECDESK_SHUTDOWN_GRACE_MS;
  setTimeout(() => {
    log.error({ event: "shutdown.timeout" }, "shutdown did not finish in time; exiting anyway");
    process.exit(1);
  }, graceMs + CLOSE_TIMEOUT_MS).unref();
  const code = await runShutdown(signal, {
    stopBulkWorker: async (ms) => (await runningBulkWorker())?.stop({ graceMs: ms }),
    waitForInFlight,
    closeDatabase,
    graceMs,
    log,
  });
  process.exit(code);
}
