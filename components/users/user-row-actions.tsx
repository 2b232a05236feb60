"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/action-result";
import type { UserView } from "@/lib/auth/definitions";
import { ActionMessage } from "./action-message";
import { fieldClass, secondaryButton } from "./styles";

type FormAction = (prev: ActionResult | null, formData: FormData) => Promise<ActionResult>;

export interface UserRowActionSet {
  changeRole: FormAction;
  setDisabled: FormAction;
  resetPassword: FormAction;
}

export function RoleForm({
  user,
  roles,
  action,
  isSelf,
}: {
  user: UserView;
  roles: string[];
  action: FormAction;
  isSelf: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={user.id} />
      <label htmlFor={`role-${user.id}`} className="sr-only">
        Role for {user.email}
      </label>
      <select
        id={`role-${user.id}`}
        name="role"
        defaultValue={user.role ?? ""}
        disabled={isSelf}
        className={`w-32 py-1.5 ${fieldClass}`}
      >
        {user.role ? null : (
          <option value="" disabled>
            No role
          </option>
        )}
        {roles.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      <button
        type="submit"
        disabled={pending || isSelf}
        className={secondaryButton}
        aria-label={`Save role for ${user.email}`}
      >
        Save
      </button>
      <ActionMessage state={state} success="Role saved." />
    </form>
  );
}

export function DisableForm({ user, action, isSelf }: { user: UserView; action: FormAction; isSelf: boolean }) {
  const [state, formAction, pending] = useActionState(action, null);
  const verb = user.disabled ? "Enable" : "Disable";
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={user.id} />
      <input type="hidden" name="disabled" value={user.disabled ? "false" : "true"} />
      <button
        type="submit"
        disabled={pending || isSelf}
        className={secondaryButton}
        aria-label={`${verb} ${user.email}`}
      >
        {verb}
      </button>
      <ActionMessage state={state} success={user.disabled ? "Disabled." : "Enabled."} />
    </form>
  );
}

export function ResetPasswordForm({
  user,
  action,
  minPasswordLength,
}: {
  user: UserView;
  action: FormAction;
  minPasswordLength: number;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const error = state && !state.ok ? state.fieldErrors?.password?.[0] : undefined;
  return (
    <details className="group">
      <summary className="cursor-pointer text-sm font-medium text-brand-700 underline dark:text-brand-100">
        Reset password
      </summary>
      <form action={formAction} className="mt-2 flex flex-wrap items-center gap-2">
        <input type="hidden" name="userId" value={user.id} />
        <label htmlFor={`password-${user.id}`} className="sr-only">
          New password for {user.email}
        </label>
        <input
          id={`password-${user.id}`}
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={minPasswordLength}
          placeholder={`New password (${minPasswordLength}+ characters)`}
          aria-invalid={error ? true : undefined}
          className={`w-64 py-1.5 ${fieldClass}`}
        />
        <button
          type="submit"
          disabled={pending}
          className={secondaryButton}
          aria-label={`Set new password for ${user.email}`}
        >
          Set
        </button>
        <ActionMessage state={state} success="Password reset." />
      </form>
    </details>
  );
}
