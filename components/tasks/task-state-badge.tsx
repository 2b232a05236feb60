import { useTranslations } from "next-intl";
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

/** The state in the reader's language (data-state on the row keeps the stored value). */
export function TaskStateBadge({ state }: { state: TaskState }) {
  const t = useTranslations("tasks.stateBadge");
  return (
    <StatusBadge tone={TONE[state]} testId="task-state">
      {t(state)}
    </StatusBadge>
  );
}
