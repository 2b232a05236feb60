import type { BadgeTone } from "@/components/ui/status-badge";
import type { BulkJobState } from "@/lib/bulk/types";

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function jobStateTone(state: BulkJobState): BadgeTone {
  return state === "done" ? "ok" : state === "paused" ? "warn" : state === "cancelled" ? "neutral" : "info";
}
