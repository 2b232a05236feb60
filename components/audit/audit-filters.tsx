import Link from "next/link";
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
  return (
    <form
      method="get"
      action="/audit"
      role="search"
      aria-label="Filter audit records"
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <TextField
          label="From (UTC)"
          name="from"
          type="datetime-local"
          step={1}
          defaultValue={values.from}
          errors={fieldErrors.from}
        />
        <TextField
          label="To (UTC)"
          name="to"
          type="datetime-local"
          step={1}
          defaultValue={values.to}
          errors={fieldErrors.to}
        />
        <TextField
          label="Actor email"
          name="actor"
          type="text"
          inputMode="email"
          autoComplete="off"
          defaultValue={values.actor}
          errors={fieldErrors.actor}
        />
        <SelectField label="Action" name="action" defaultValue={values.action ?? ""} errors={fieldErrors.action}>
          <option value="">Any action</option>
          {actions.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
          {/* Keep an unknown value selectable so its field error shows next to what was asked for. */}
          {values.action && !actions.includes(values.action) ? (
            <option value={values.action}>{values.action}</option>
          ) : null}
        </SelectField>
        <SelectField label="Outcome" name="outcome" defaultValue={values.outcome ?? ""} errors={fieldErrors.outcome}>
          <option value="">Any outcome</option>
          {outcomes.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
          {values.outcome && !outcomes.includes(values.outcome) ? (
            <option value={values.outcome}>{values.outcome}</option>
          ) : null}
        </SelectField>
        <TextField
          label="Stream"
          name="stream"
          autoComplete="off"
          defaultValue={values.stream}
          errors={fieldErrors.stream}
        />
        <TextField
          label="TaskId"
          name="taskId"
          inputMode="numeric"
          autoComplete="off"
          defaultValue={values.taskId}
          errors={fieldErrors.taskId}
        />
        <TextField
          label="Reason contains"
          name="q"
          type="search"
          autoComplete="off"
          defaultValue={values.q}
          errors={fieldErrors.q}
        />
        {values.jobId || fieldErrors.jobId ? (
          <TextField
            label="Bulk job id"
            name="jobId"
            autoComplete="off"
            defaultValue={values.jobId}
            errors={fieldErrors.jobId}
          />
        ) : null}
      </div>
      <div className="mt-3 flex flex-wrap gap-2">
        <button type="submit" className={buttonClasses("primary")}>
          Apply filters
        </button>
        <Link href="/audit" className={buttonClasses("secondary")}>
          Clear
        </Link>
      </div>
    </form>
  );
}
