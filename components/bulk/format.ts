import type { BadgeTone } from "@/components/ui/status-badge";
import type { BulkJobState } from "@/lib/bulk/types";

/** The "bulk.duration" messages: "{seconds} s", "{minutes} min {seconds} s", "{hours} h {minutes} min". */
export type DurationMessages = (
  key: "seconds" | "minutes" | "hours",
  values: { hours?: number; minutes?: number; seconds?: number },
) => string;

export function formatDuration(ms: number, say: DurationMessages): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return say("seconds", { seconds: s });
  const m = Math.floor(s / 60);
  if (m < 60) return say("minutes", { minutes: m, seconds: s % 60 });
  return say("hours", { hours: Math.floor(m / 60), minutes: m % 60 });
}

export function jobStateTone(state: BulkJobState): BadgeTone {
  return state === "done" ? "ok" : state === "paused" ? "warn" : state === "cancelled" ? "neutral" : "info";
}
