import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { inputClasses } from "@/components/ui/field";
import { RUNNING_PRESETS_HOURS, TASK_STATES, type TaskFilters } from "@/lib/tasks/definitions";
import { FAMILY_LABEL, TASK_FAMILIES } from "@/lib/tasks/task-family";

/**
 * Filters as a plain GET form: the URL is the state, so a filtered view is a link you can paste, and it works
 * before any JavaScript has loaded.
 */
export function TaskFiltersForm({ filters, domains }: { filters: TaskFilters; domains: string[] }) {
  const label = "mb-1 block text-xs font-medium text-slate-700 dark:text-slate-300";
  return (
    <form
      method="get"
      action="/tasks"
      role="search"
      aria-label="Filter tasks"
      className="flex flex-wrap items-end gap-3"
    >
      <div>
        <label htmlFor="f-family" className={label}>
          Family
        </label>
        <select id="f-family" name="family" defaultValue={filters.family ?? ""} className={inputClasses}>
          <option value="">Both families</option>
          {TASK_FAMILIES.map((f) => (
            <option key={f} value={f}>
              {FAMILY_LABEL[f]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-state" className={label}>
          State
        </label>
        <select id="f-state" name="state" defaultValue={filters.state ?? ""} className={inputClasses}>
          <option value="">All states</option>
          {TASK_STATES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div className="min-w-48 flex-1 sm:flex-none">
        <label htmlFor="f-stream" className={label}>
          Stream name contains
        </label>
        <input
          id="f-stream"
          name="stream"
          type="search"
          defaultValue={filters.stream ?? ""}
          className={inputClasses}
          placeholder="e.g. room_00012"
        />
      </div>
      <div>
        <label htmlFor="f-domain" className={label}>
          Domain
        </label>
        <select id="f-domain" name="domain" defaultValue={filters.domain ?? ""} className={inputClasses}>
          <option value="">All domains</option>
          {domains.filter(Boolean).map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-running" className={label}>
          Recording longer than
        </label>
        <select
          id="f-running"
          name="running"
          defaultValue={filters.runningHours ? String(filters.runningHours) : ""}
          className={inputClasses}
        >
          <option value="">Any duration</option>
          {RUNNING_PRESETS_HOURS.map((h) => (
            <option key={h} value={h}>
              {h < 24 ? `${h} hour${h > 1 ? "s" : ""}` : `${h / 24} day${h > 24 ? "s" : ""}`}
            </option>
          ))}
          {filters.runningHours && !(RUNNING_PRESETS_HOURS as readonly number[]).includes(filters.runningHours) ? (
            <option value={filters.runningHours}>{filters.runningHours} hours</option>
          ) : null}
        </select>
      </div>
      <div className="flex gap-2">
        <button type="submit" className={buttonClasses("primary")}>
          Apply
        </button>
        <Link href="/tasks" className={buttonClasses("secondary")}>
          Clear
        </Link>
      </div>
    </form>
  );
}
