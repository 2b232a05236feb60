import type { Database } from "@/lib/db/types";
import type { SimTask } from "@/lib/tencent-live/types";
import { registerTaskRow } from "./task-rows";

/**
 * Demo mode: the registry starts with the simulator's seeded tasks, so a new user lands on something to act on.
 * Idempotent (insert-if-absent by TaskId): a restart neither duplicates rows nor undoes what users did to them.
 */
export async function seedDemoTasks(db: Database, tasks: SimTask[]): Promise<{ inserted: number }> {
  let inserted = 0;
  for (const t of tasks) {
    const r = await registerTaskRow(db, {
      taskId: t.taskId,
      streamName: t.streamName,
      appName: t.appName,
      domainName: t.domainName,
      state: t.state,
      source: "seeded",
      mode: "scheduled",
      fileFormat: t.fileFormat,
      recordType: t.recordType,
      startTime: new Date(t.startTime),
      endTime: new Date(t.endTime),
      stoppedAt: t.state === "stopped" ? new Date(Math.min(Date.parse(t.endTime), Date.now())) : null,
      createdByEmail: "simulator (demo seed)",
      createdAt: new Date(t.createdAt),
    });
    if (r.inserted) inserted++;
  }
  return { inserted };
}
