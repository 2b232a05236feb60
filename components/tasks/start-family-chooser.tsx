"use client";

import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import type { TaskFamily } from "@/lib/tasks/task-family";

/** Catalog keys (taskForms.family) of each family's name and what it is. */
const WHAT: Record<TaskFamily, string> = { recordTask: "whatRecordTask", legacy: "whatLegacy" };

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
  const t = useTranslations("taskForms.family");
  const [family, setFamily] = useState<TaskFamily>(initial);
  return (
    <div className="space-y-4">
      <fieldset className="max-w-3xl" data-testid="family-chooser">
        <legend className="mb-1 text-sm font-medium">{t("legend")}</legend>
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
                  {t(f)}
                  {f === "recordTask" ? t("recommended") : ""}
                </span>
                <span className="block text-slate-600 dark:text-slate-400">{t(WHAT[f])}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div key={family}>{forms[family]}</div>
    </div>
  );
}
