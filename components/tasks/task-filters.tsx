import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClasses } from "@/components/ui/button";
import { inputClasses } from "@/components/ui/field";
import { RUNNING_PRESETS_HOURS, TASK_STATES, type TaskFilters } from "@/lib/tasks/definitions";
import { TASK_FAMILIES } from "@/lib/tasks/task-family";

/**
 * Filters as a plain GET form: the URL is the state, so a filtered view is a link you can paste, and it works
 * before any JavaScript has loaded. Option values stay the stored values; only their labels are translated.
 */
export function TaskFiltersForm({ filters, domains }: { filters: TaskFilters; domains: string[] }) {
  const t = useTranslations("tasks");
  const label = "mb-1 block text-xs font-medium text-slate-700 dark:text-slate-300";
  return (
    <form
      method="get"
      action="/tasks"
      role="search"
      aria-label={t("filters.label")}
      className="flex flex-wrap items-end gap-3"
    >
      <div>
        <label htmlFor="f-family" className={label}>
          {t("filters.family")}
        </label>
        <select id="f-family" name="family" defaultValue={filters.family ?? ""} className={inputClasses}>
          <option value="">{t("filters.bothFamilies")}</option>
          {TASK_FAMILIES.map((f) => (
            <option key={f} value={f}>
              {t(`family.${f}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-state" className={label}>
          {t("filters.state")}
        </label>
        <select id="f-state" name="state" defaultValue={filters.state ?? ""} className={inputClasses}>
          <option value="">{t("filters.allStates")}</option>
          {TASK_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`state.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="min-w-48 flex-1 sm:flex-none">
        <label htmlFor="f-stream" className={label}>
          {t("filters.stream")}
        </label>
        <input
          id="f-stream"
          name="stream"
          type="search"
          defaultValue={filters.stream ?? ""}
          className={inputClasses}
          placeholder={t("filters.streamPlaceholder")}
        />
      </div>
      <div>
        <label htmlFor="f-domain" className={label}>
          {t("filters.domain")}
        </label>
        <select id="f-domain" name="domain" defaultValue={filters.domain ?? ""} className={inputClasses}>
          <option value="">{t("filters.allDomains")}</option>
          {domains.filter(Boolean).map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-running" className={label}>
          {t("filters.running")}
        </label>
        <select
          id="f-running"
          name="running"
          defaultValue={filters.runningHours ? String(filters.runningHours) : ""}
          className={inputClasses}
        >
          <option value="">{t("filters.anyDuration")}</option>
          {RUNNING_PRESETS_HOURS.map((h) => (
            <option key={h} value={h}>
              {h < 24 ? t("filters.hours", { count: h }) : t("filters.days", { count: h / 24 })}
            </option>
          ))}
          {filters.runningHours && !(RUNNING_PRESETS_HOURS as readonly number[]).includes(filters.runningHours) ? (
            <option value={filters.runningHours}>{t("filters.hours", { count: filters.runningHours })}</option>
          ) : null}
        </select>
      </div>
      <div className="flex gap-2">
        <button type="submit" className={buttonClasses("primary")}>
          {t("filters.apply")}
        </button>
        <Link href="/tasks" className={buttonClasses("secondary")}>
          {t("filters.clear")}
        </Link>
      </div>
    </form>
  );
}
