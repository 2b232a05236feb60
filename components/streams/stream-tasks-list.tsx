import Link from "next/link";
import { StatusBadge, type BadgeTone } from "@/components/ui";
import type { TaskState, TaskView } from "@/lib/tasks/definitions";
import { formatUtc } from "./time-format";

const TONE: Record<TaskState, BadgeTone> = {
  scheduled: "info",
  recording: "ok",
  stopping: "progress",
  stopped: "neutral",
  failed: "danger",
  unknown: "warn",
};

/** A stream's registry tasks, read-only; stopping happens on /tasks, which the caller links to. */
export function StreamTasksList({ tasks, tasksHref }: { tasks: TaskView[]; tasksHref: string }) {
  if (tasks.length === 0) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="stream-tasks-empty">
        RecDesk knows no recording task for this stream. A task appears here when RecDesk starts it or someone registers it on the{" "}
        <Link href={tasksHref} className="underline">
          Tasks page
        </Link>
        .
      </p>
    );
  }
  return (
    <div role="region" aria-label="Recording tasks of this stream" tabIndex={0} className="overflow-x-auto rounded-md border border-slate-200 dark:border-slate-800">
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800" data-testid="stream-tasks">
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-900 dark:text-slate-300">
          <tr>
            <th scope="col" className="px-3 py-2">TaskId</th>
            <th scope="col" className="px-3 py-2">State</th>
            <th scope="col" className="px-3 py-2">Start (UTC)</th>
            <th scope="col" className="px-3 py-2">End (UTC)</th>
            <th scope="col" className="px-3 py-2">Created or registered by</th>
            <th scope="col" className="px-3 py-2">Last action</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {tasks.map((t) => (
            <tr key={t.taskId} data-testid="stream-task-row">
              <td className="px-3 py-2 font-mono text-xs">{t.taskId}</td>
              <td className="px-3 py-2">
                <StatusBadge tone={TONE[t.state]}>{t.state}</StatusBadge>
              </td>
              <td className="whitespace-nowrap px-3 py-2">{t.startTime ? formatUtc(t.startTime) : "—"}</td>
              <td className="whitespace-nowrap px-3 py-2">{t.endTime ? formatUtc(t.endTime) : "—"}</td>
              <td className="px-3 py-2">{t.createdByEmail ?? t.source}</td>
              <td className="px-3 py-2">
                {t.lastAction ? (
                  <>
                    {t.lastAction} {t.lastOk === "error" ? <code className="font-mono text-xs">{t.lastErrorCode}</code> : null}
                    {t.lastRequestId ? <div className="font-mono text-xs text-slate-600 dark:text-slate-400">RequestId {t.lastRequestId}</div> : null}
                  </>
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
