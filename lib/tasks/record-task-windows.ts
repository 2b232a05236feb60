import { DESCRIBE_WINDOW_MAX_MS, RECORD_TASK_MAX_AHEAD_MS, RECORD_TASK_MAX_SPAN_MS } from "@/lib/tencent-live/types";

/*
 * Which DescribeRecordTask windows find every RecordTask that is scheduled or recording now, or ended in the last
 * 24 hours. Tencent returns a task only when BOTH its start and its end fall inside the window, a window spans at
 * most 7 days and starts no earlier than 90 days ago (§1.10, §1.10a).
 *
 * What we look for, with a task lasting at most 24 h (D) and ending at most 7 days after its creation (A):
 *   ended in the last 24 h:  start ≥ now − 2D, end ≤ now
 *   recording now:           start ≥ now − D,  end ≤ now + D
 *   scheduled:               start > now,       end ≤ now + A
 * so every one lies inside [now − 2D, now + A], 9 days: more than one window. Two overlapping ones cover it:
 *   early = [now − 2D − m, now + 5 days − m]   (exactly 7 days)
 *   late  = [now + 4 days − m, now + A + m]
 * A task ending by now + 5 days − m starts after now − 2D − m: it is inside `early`. One ending later starts
 * after (its end − D) > now + 4 days − m: it is inside `late`. The margin m absorbs a clock difference between
 * RecDesk and Tencent (a task created "now" on Tencent's clock with the latest EndTime). The overlap is one day,
 * so few tasks are listed twice; the sweep deduplicates by TaskId.
 */

export const CLOCK_MARGIN_MS = 5 * 60_000;

export interface SweepWindow {
  startTime: Date;
  endTime: Date;
}

export function sweepWindows(now: Date): SweepWindow[] {
  const t = now.getTime();
  const m = CLOCK_MARGIN_MS;
  const earlyStart = t - 2 * RECORD_TASK_MAX_SPAN_MS - m;
  const early = { startTime: new Date(earlyStart), endTime: new Date(earlyStart + DESCRIBE_WINDOW_MAX_MS) };
  const lateEnd = t + RECORD_TASK_MAX_AHEAD_MS + m;
  const late = { startTime: new Date(early.endTime.getTime() - RECORD_TASK_MAX_SPAN_MS), endTime: new Date(lateEnd) };
  return [early, late];
}
