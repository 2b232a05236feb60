// The two families of recording task, and how to tell their TaskIds apart. Pure: client components may import it.
//
// Legacy tasks (CreateLiveRecord / StopLiveRecord) have unsigned 64-bit integer TaskIds, which RecDesk keeps as
// decimal text. RecordTask tasks (CreateRecordTask / StopRecordTask) have string TaskIds that are never a plain
// decimal number, so the format alone says which family an id typed into Stop by ID belongs to.

import type { TaskFamily as SchemaTaskFamily } from "@/lib/db/schema/tasks";

export const TASK_FAMILIES = ["legacy", "recordTask"] as const;
export type TaskFamily = (typeof TASK_FAMILIES)[number];
// Compile-time guard: this list and the column's type must not drift apart.
const sameFamilies: [TaskFamily, SchemaTaskFamily] extends [SchemaTaskFamily, TaskFamily] ? true : never = true;
void sameFamilies;

const DECIMAL = /^[0-9]+$/;

/** The family a TaskId belongs to, by its format alone. */
export function familyOfTaskId(taskId: string): TaskFamily {
  return DECIMAL.test(taskId) ? "legacy" : "recordTask";
}

export function isTaskFamily(value: unknown): value is TaskFamily {
  return typeof value === "string" && (TASK_FAMILIES as readonly string[]).includes(value);
}
