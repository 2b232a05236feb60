import "server-only";
import { getConfig } from "@/lib/config";
import { openDatabase } from "@/lib/db";
import { prepareAuth } from "@/lib/auth/startup";
import { prepareAuditKey, recoverInterruptedAudits, startAuditVerifySchedule } from "@/lib/audit/startup";
import { prepareTaskRegistry } from "@/lib/tasks/startup";
import { resumeBulkJobs } from "@/lib/bulk";
import { startCallbackProcessing } from "@/lib/callbacks/runtime";

/**
 * Everything a server process does once before serving: validate configuration, open and migrate the
 * database, then each feature's start-up step (demo data, crash recovery, job resumption).
 * Steps run in order; one that fails stops the start with its message.
 */
export async function runStartup(): Promise<void> {
  getConfig();
  await openDatabase();
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
    await step.run();
  }
}

/** Start-up for `next start`: a bad variable or an unusable data directory is one clear line, then exit. */
export async function startOrExit(): Promise<void> {
  try {
    await runStartup();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}
