/** How many of a job's items each Stop action serves, and that action's limit as this server applies it. */
export interface FamilyLimits {
  legacy: { items: number; perSecond: number };
  recordTask: { items: number; perSecond: number };
}

/**
 * The best rate a job can reach, in items per second. Each family's Stops have their own limit (StopLiveRecord
 * 200/s, StopRecordTask 20/s) and lanes of their own in the worker, so a job takes as long as its slower lane:
 * 1,000 legacy and 200 RecordTask items need max(1000/200, 200/20) = 10 s at best, which is 120 items/s. Read
 * against 200/s, such a job would look slow while it runs at its limit.
 */
export function jobRateCeiling({ legacy, recordTask }: FamilyLimits): number {
  const total = legacy.items + recordTask.items;
  if (total === 0 || recordTask.items === 0) return legacy.perSecond;
  if (legacy.items === 0) return recordTask.perSecond;
  const seconds = Math.max(legacy.items / legacy.perSecond, recordTask.items / recordTask.perSecond);
  return total / seconds;
}
