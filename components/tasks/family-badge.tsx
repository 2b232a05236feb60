import { useTranslations } from "next-intl";
import type { TaskFamily } from "@/lib/tasks/task-family";

// Square and outlined, unlike the round state badges next to it, so a family is never read as a state.
const STYLE: Record<TaskFamily, string> = {
  legacy: "border-slate-400 text-slate-700 dark:border-slate-500 dark:text-slate-300",
  recordTask: "border-brand-700 text-brand-700 dark:border-brand-100 dark:text-brand-100",
};

/**
 * Which API family a task belongs to. The one badge for it, on /tasks and on the bulk job page: the family decides
 * which Stop is sent (StopLiveRecord or StopRecordTask) and what Delete does, so people must see it at a glance.
 */
export function FamilyBadge({ family }: { family: TaskFamily }) {
  const t = useTranslations("tasks.family");
  return (
    <span
      data-testid="task-family"
      data-family={family}
      className={`inline-block whitespace-nowrap rounded border px-1.5 py-0.5 text-xs font-medium ${STYLE[family]}`}
    >
      {t(family)}
    </span>
  );
}
