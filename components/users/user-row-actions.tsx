"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
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
  const t = useTranslations("users.row");
  // The option's value is the stored role (English); its text is the role's name in the reader's language.
  const roleName = useTranslations("shell.roles");
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={user.id} />
      <label htmlFor={`role-${user.id}`} className="sr-only">
        {t("roleFor", { email: user.email })}
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
            {t("noRole")}
          </option>
        )}
        {roles.map((r) => (
          <option key={r} value={r}>
            {roleName.has(r) ? roleName(r) : r}
          </option>
        ))}
      </select>
      <button
        type="submit"
        disabled={pending || isSelf}
        className={secondaryButton}
        aria-label={t("saveRoleFor", { email: user.email })}
      >
        {t("save")}
      </button>
      <ActionMessage state={state} success={t("roleSaved")} />
    </form>
  );
}

export function DisableForm({ user, action, isSelf }: { user: UserView; action: FormAction; isSelf: boolean }) {
  const t = useTranslations("users.row");
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={user.id} />
      <input type="hidden" name="disabled" value={user.disabled ? "false" : "true"} />
      <button
        type="submit"
        disabled={pending || isSelf}
        className={secondaryButton}
        aria-label={user.disabled ? t("enableUser", { email: user.email }) : t("disableUser", { email: user.email })}
      >
        {user.disabled ? t("enable") : t("disable")}
      </button>
      <ActionMessage state={state} success={user.disabled ? t("disabledDone") : t("enabled")} />
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
  const t = useTranslations("users.row");
  const [state, formAction, pending] = useActionState(action, null);
  const error = state && !state.ok ? state.fieldErrors?.password?.[0] : undefined;
  return (
    <details className="group">
      <summary className="cursor-pointer text-sm font-medium text-brand-700 underline dark:text-brand-100">
        {t("resetPassword")}
      </summary>
      <form action={formAction} className="mt-2 flex flex-wrap items-center gap-2">
        <input type="hidden" name="userId" value={user.id} />
        <label htmlFor={`password-${user.id}`} className="sr-only">
          {t("newPasswordFor", { email: user.email })}
        </label>
        <input
          id={`password-${user.id}`}
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={minPasswordLength}
          placeholder={t("newPasswordPlaceholder", { min: minPasswordLength })}
          aria-invalid={error ? true : undefined}
          className={`w-64 py-1.5 ${fieldClass}`}
        />
        <button
          type="submit"
          disabled={pending}
          className={secondaryButton}
          aria-label={t("setPasswordFor", { email: user.email })}
        >
          {t("set")}
        </button>
        <ActionMessage state={state} success={t("passwordReset")} />
      </form>
    </details>
  );
}
