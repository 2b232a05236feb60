"use client";

import { useState, type ReactNode } from "react";
import { FAMILY_LABEL, type TaskFamily } from "@/lib/tasks/task-family";

const WHAT: Record<TaskFamily, string> = {
  recordTask:
    "CreateRecordTask: Tencent's current API. The task can be listed, so RecDesk keeps it in step with Tencent. Lasts at most 24 hours and ends at most 7 days ahead.",
  legacy:
    "CreateLiveRecord: the older API. Tencent cannot list these tasks, so RecDesk knows them only because it created them.",
};

/**
 * Start recording: choose the family first (RecordTask by default, or `initial` from ?family=); each family has
 * its own form.
 */
export function StartFamilyChooser({
  forms,
  initial = "recordTask",
}: {
  forms: Record<TaskFamily, ReactNode>;
  initial?: TaskFamily;
}) {
  const [family, setFamily] = useState<TaskFamily>(initial);
  return (
    <div className="space-y-4">
      <fieldset className="max-w-3xl" data-testid="family-chooser">
        <legend className="mb-1 text-sm font-medium">Task family</legend>
        <div className="space-y-2 text-sm">
          {(["recordTask", "legacy"] as const).map((f) => (
            <label key={f} className="flex items-start gap-2">
              <input
                type="radio"
                name="family"
                value={f}
                className="mt-1"
                checked={family === f}
                onChange={() => setFamily(f)}
              />
              <span>
                <span className="font-medium">
                  {FAMILY_LABEL[f]}
                  {f === "recordTask" ? " (recommended)" : ""}
                </span>
                <span className="block text-slate-600 dark:text-slate-400">{WHAT[f]}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div key={family}>{forms[family]}</div>
    </div>
  );
}
