import Link from "next/link";
import { useTranslations } from "next-intl";
import { SelectField, TextField, buttonClasses } from "@/components/ui";
import { RECORDING_FORMATS } from "@/lib/recordings/definitions";

/** A plain GET form: the filter lives in the URL, so a support engineer can paste it into a ticket. */
export function RecordingFiltersForm({
  values,
  fieldErrors = {},
}: {
  values: Record<string, string>;
  fieldErrors?: Record<string, string[]>;
}) {
  const t = useTranslations("recordings.filters");
  return (
    <form
      method="get"
      action="/recordings"
      role="search"
      aria-label={t("label")}
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <TextField
          label={t("stream")}
          name="stream"
          autoComplete="off"
          defaultValue={values.stream}
          errors={fieldErrors.stream}
        />
        <TextField
          label={t("domain")}
          name="domain"
          autoComplete="off"
          defaultValue={values.domain}
          errors={fieldErrors.domain}
        />
        <TextField label={t("date")} name="date" type="date" defaultValue={values.date} errors={fieldErrors.date} />
        <SelectField label={t("format")} name="format" defaultValue={values.format ?? ""} errors={fieldErrors.format}>
          <option value="">{t("anyFormat")}</option>
          {RECORDING_FORMATS.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="mt-3 flex gap-2">
        <button type="submit" className={buttonClasses("primary", "sm")}>
          {t("submit")}
        </button>
        <Link href="/recordings" className={buttonClasses("secondary", "sm")}>
          {t("clear")}
        </Link>
      </div>
    </form>
  );
}
