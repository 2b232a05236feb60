import { StatusBadge, type BadgeTone } from "@/components/ui/status-badge";
import type { TaskState } from "@/lib/tasks/definitions";

const TONE: Record<TaskState, BadgeTone> = {
  scheduled: "info",
  recording: "ok",
  stopping: "progress",
  stopped: "neutral",
  failed: "danger",
  deleted: "neutral",
  unknown: "warn",
};
const LABEL: Record<TaskState, string> = {
  scheduled: "scheduled",
  recording: "recording",
  stopping: "stopping…",
  stopped: "stopped",
  failed: "failed",
  deleted: "deleted",
  unknown: "unknown",
};

export function TaskStateBadge({ state }: { state: TaskState }) {
  return (
    <StatusBadge tone={TONE[state]} testId="task-state">
      {LABEL[state]}
    </StatusBadge>
  );
}
