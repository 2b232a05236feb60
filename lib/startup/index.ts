import "server-only";
import { getConfig } from "@/lib/config";
import { openDatabase } from "@/lib/db";
import { prepareAuth } from "@/lib/auth/startup";
import { prepareAuditKey, recoverInterruptedAudits, startAuditVerifySchedule } from "@/lib/audit/startup";
import { prepareTaskRegistry } from "@/lib/tasks/startup";
import { resumeBulkJobs } from "@/lib/bulk";
import { startCallbackProcessing } from "@/lib/callbacks/runtime";
import { componentLogger } from "@/lib/observability/logger";
import { observabilitySettings } from "@/lib/observability/settings";

/**
 * Everything a server process does once before serving: validate configuration, open and migrate the
 * database, then each feature's start-up step (demo data, crash recovery, job resumption).
 * Steps run in order; one that fails stops the start with its message.
 */
export async function runStartup(): Promise<void> {
  const log = componentLogger("startup");
  const started = performance.now();
  const config = getConfig();
  observabilitySettings();
  log.info(
    {
      event: "startup.begin",
      mode: config.demoMode ? "demo" : "real",
      database: config.databaseUrl ? "postgres" : "pglite",
    },
    "RecDesk starting",
  );
  const opening = performance.now();
  const { driver, location } = await openDatabase();
  log.info(
    { event: "startup.migrations", driver, location, durationMs: Math.round(performance.now() - opening) },
    `database open and migrated (${driver})`,
  );
  const steps: { name: string; run: () => Promise<void> }[] = [
    // Features register their start-up steps here, one line each.
    { name: "audit: load the chain's key, key the chain once", run: prepareAuditKey },
    { name: "auth: session key and demo accounts", run: prepareAuth },
    { name: "audit: mark interrupted intents unknown", run: recoverInterruptedAudits },
    { name: "tasks: release orphaned stop claims, seed demo tasks", run: prepareTaskRegistry },
    { name: "bulk: recover interrupted items, resume unfinished jobs", run: resumeBulkJobs },
    { name: "audit: scheduled verification", run: startAuditVerifySchedule },
    { name: "callbacks: process what was stored but not processed", run: startCallbackProcessing },
  ];
  for (const step of steps) {
    const t = performance.now();
    await step.run();
    log.debug({ event: "startup.step", step: step.name, durationMs: Math.round(performance.now() - t) }, step.name);
  }
  log.info({ event: "startup.ready", durationMs: Math.round(performance.now() - started) }, "RecDesk ready");
}

/** Start-up for `next start`: a bad variable or an unusable data directory is one clear line, then exit. */
export async function startOrExit(): Promise<void> {
  try {
    await runStartup();
  } catch (err) {
    const message = (err as Error).message;
    // The log line for the log system, and the same one plain line on stderr for whoever started the process.
    componentLogger("startup").fatal({ event: "startup.failed" }, message);
    process.stderr.write(`${message}\n`);
    process.exit(1);
  }
}
