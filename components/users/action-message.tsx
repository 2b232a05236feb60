import type { ActionResult } from "@/lib/action-result";

/** The outcome of a users action: the error with its code, or a short confirmation. */
export function ActionMessage({ state, success }: { state: ActionResult | null; success: string }) {
  if (!state) return null;
  if (state.ok) {
    return (
      <p role="status" className="text-sm text-ok-700 dark:text-ok-300">
        {success}
      </p>
    );
  }
  return (
    <p role="alert" className="text-sm text-danger-700 dark:text-danger-300">
      <span className="font-mono text-xs">{state.code}</span> {state.message}
    </p>
  );
}
