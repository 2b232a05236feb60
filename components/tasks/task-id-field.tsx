import { useTranslations } from "next-intl";
import { TextField } from "@/components/ui/field";

/**
 * The TaskId input every task form shares: exact characters, no autocomplete, the documented range as the hint.
 * With `anyFamily` (Stop by ID) a RecordTask's string TaskId is accepted too, so the keyboard is not numeric.
 */
export function TaskIdField({
  defaultValue,
  errors,
  anyFamily,
}: {
  defaultValue?: string;
  errors?: string[];
  anyFamily?: boolean;
}) {
  const t = useTranslations("taskForms.fields");
  return (
    <TextField
      label={t("taskId")}
      name="taskId"
      required
      inputMode={anyFamily ? "text" : "numeric"}
      defaultValue={defaultValue}
      errors={errors}
      autoComplete="off"
      spellCheck={false}
      hint={anyFamily ? t("taskIdHintAnyFamily") : t("taskIdHint")}
    />
  );
}
