import type { Logger } from "pino";
import { markShuttingDown } from "./shutdown-state";

export interface ShutdownParts {
  /** Stops claiming bulk items, waits for the ones in flight (up to graceMs), releases the lease. */
  stopBulkWorker?: (graceMs: number) => Promise<{ inFlight: number } | undefined>;
  /** Waits for server actions and route handlers in flight (their audit outcomes), up to graceMs. */
  waitForInFlight: (graceMs: number) => Promise<number>;
  closeDatabase: () => Promise<void>;
  graceMs: number;
  log: Logger;
}

/**
 * The order matters: readiness turns 503 first (the load balancer stops sending), then the bulk worker and the
 * calls in flight finish together within one grace period, the lease goes (another instance takes over at
 * once), and only then the database closes. Answers the exit code: 0 when all of it ran.
 */
export async function runShutdown(signal: string, parts: ShutdownParts): Promise<number> {
  markShuttingDown();
  const { log, graceMs } = parts;
  const started = performance.now();
  log.info({ event: "shutdown.start", signal, graceMs }, `${signal}: shutting down`);
  try {
    const [bulk, actions] = await Promise.all([parts.stopBulkWorker?.(graceMs), parts.waitForInFlight(graceMs)]);
    const unfinished = (bulk?.inFlight ?? 0) + actions;
    if (unfinished > 0)
      log.warn(
        { event: "shutdown.grace-exceeded", unfinished },
        `${unfinished} call(s) still in flight after ${graceMs} ms; recovery on the next start or instance decides them`,
      );
    await parts.closeDatabase();
    log.info({ event: "shutdown.done", durationMs: Math.round(performance.now() - started) }, "shut down cleanly");
    return 0;
  } catch (err) {
    log.error({ event: "shutdown.failed", err }, `shutdown failed: ${(err as Error).message}`);
    return 1;
  }
}
