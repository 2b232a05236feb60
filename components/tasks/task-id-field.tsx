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
  return (
    <TextField
      label="TaskId"
      name="taskId"
      required
      inputMode={anyFamily ? "text" : "numeric"}
      defaultValue={defaultValue}
      errors={errors}
      autoComplete="off"
      spellCheck={false}
      hint={
        anyFamily
          ? "Legacy: a whole number up to 18446744073709551615. RecordTask: Tencent's TaskId string, as given"
          : "A whole number up to 18446744073709551615"
      }
    />
  );
}
