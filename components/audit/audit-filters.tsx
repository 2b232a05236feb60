import Link from "next/link";
import { useTranslations } from "next-intl";
import { SelectField, TextField, buttonClasses } from "@/components/ui";
import type { AuditFilterValues } from "@/lib/audit/filters";

export interface AuditFiltersFormProps {
  values: AuditFilterValues;
  fieldErrors?: Record<string, string[]>;
  actions: readonly string[];
  outcomes: readonly string[];
}

/**
 * A plain GET form: the filter lives in the URL, so it can be bookmarked, shared, linked from a task row
 * (/audit?taskId=…) and exported as CSV as-is. Works without JavaScript.
 */
export function AuditFiltersForm({ values, fieldErrors = {}, actions, outcomes }: AuditFiltersFormProps) {
  const t = useTranslations("audit");
  // The option's value stays the stored code (the URL, the CSV); its text is the reader's word for it.
  const labelOf = (group: "actions" | "outcomes", code: string) =>
    t.has(`${group}.${code}`) ? t(`${group}.${code}`) : code;
  return (
    <form
      method="get"
      action="/audit"
      role="search"
      aria-label={t("filters.label")}
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <TextField
          label={t("filters.from")}
          name="from"
          type="datetime-local"
          step={1}
          defaultValue={values.from}
          errors={fieldErrors.from}
        />
        <TextField
          label={t("filters.to")}
          name="to"
          type="datetime-local"
          step={1}
          defaultValue={values.to}
          errors={fieldErrors.to}
        />
        <TextField
          label={t("filters.actor")}
          name="actor"
          type="text"
          inputMode="email"
          autoComplete="off"
          defaultValue={values.actor}
          errors={fieldErrors.actor}
        />
        <SelectField
          label={t("filters.action")}
          name="action"
          defaultValue={values.action ?? ""}
          errors={fieldErrors.action}
        >
          <option value="">{t("filters.anyAction")}</option>
          {actions.map((a) => (
            <option key={a} value={a}>
              {labelOf("actions", a)}
            </option>
          ))}
          {/* Keep an unknown value selectable so its field error shows next to what was asked for. */}
          {values.action && !actions.includes(values.action) ? (
            <option value={values.action}>{values.action}</option>
          ) : null}
        </SelectField>
        <SelectField
          label={t("filters.outcome")}
          name="outcome"
          defaultValue={values.outcome ?? ""}
          errors={fieldErrors.outcome}
        >
          <option value="">{t("filters.anyOutcome")}</option>
          {outcomes.map((o) => (
            <option key={o} value={o}>
              {labelOf("outcomes", o)}
            </option>
          ))}
          {values.outcome && !outcomes.includes(values.outcome) ? (
            <option value={values.outcome}>{values.outcome}</option>
          ) : null}
        </SelectField>
        <TextField
          label={t("filters.stream")}
          name="stream"
          autoComplete="off"
          defaultValue={values.stream}
          errors={fieldErrors.stream}
        />
        <TextField
          label={t("filters.taskId")}
          name="taskId"
          inputMode="numeric"
          autoComplete="off"
          defaultValue={values.taskId}
          errors={fieldErrors.taskId}
        />
        <TextField
          label={t("filters.reason")}
          name="q"
          type="search"
          autoComplete="off"
          defaultValue={values.q}
          errors={fieldErrors.q}
        />
        {values.jobId || fieldErrors.jobId ? (
          <TextField
            label={t("filters.jobId")}
            name="jobId"
            autoComplete="off"
            defaultValue={values.jobId}
            errors={fieldErrors.jobId}
          />
        ) : null}
      </div>
      <div className="mt-3 flex flex-wrap gap-2">
        <button type="submit" className={buttonClasses("primary")}>
          {t("filters.apply")}
        </button>
        <Link href="/audit" className={buttonClasses("secondary")}>
          {t("filters.clear")}
        </Link>
      </div>
    </form>
  );
}
