import { TextField } from "@/components/ui/field";

/** The TaskId input every task form shares: exact digits, no autocomplete, the documented range as the hint. */
export function TaskIdField({ defaultValue, errors }: { defaultValue?: string; errors?: string[] }) {
  return (
    <TextField
      label="TaskId"
      name="taskId"
      required
      inputMode="numeric"
      defaultValue={defaultValue}
      errors={errors}
      autoComplete="off"
      spellCheck={false}
      hint="A whole number up to 18446744073709551615"
    />
  );
}
