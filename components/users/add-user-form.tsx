"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/action-result";
import { ActionMessage } from "./action-message";
import { inputClass, labelClass, primaryButton } from "./styles";

type FormAction = (prev: ActionResult | null, formData: FormData) => Promise<ActionResult>;

export function AddUserForm({
  action,
  roles,
  minPasswordLength,
}: {
  action: FormAction;
  roles: { value: string; label: string }[];
  minPasswordLength: number;
}) {
  const t = useTranslations("users.form");
  const [state, formAction, pending] = useActionState(action, null);
  const failure = state && !state.ok ? state : null;
  const values = failure?.values ?? {};
  const errors = failure?.fieldErrors ?? {};
  // A new key after each success empties the form; after a failure the typed values come back as defaults.
  const formKey = state?.ok && "userId" in state ? `added-${String(state.userId)}` : "form";
  const field = (name: string) => ({
    id: `new-${name}`,
    name,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `new-${name}-error` : undefined,
  });
  const errorFor = (name: string) =>
    errors[name] ? (
      <p id={`new-${name}-error`} className="mt-1 text-sm text-danger-700 dark:text-danger-300">
        {errors[name][0]}
      </p>
    ) : null;

  return (
    <form key={formKey} action={formAction} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5" noValidate>
      <div>
        <label htmlFor="new-email" className={labelClass}>
          {t("email")}
        </label>
        <input
          {...field("email")}
          type="email"
          autoComplete="off"
          defaultValue={values.email}
          className={`mt-1 ${inputClass}`}
        />
        {errorFor("email")}
      </div>
      <div>
        <label htmlFor="new-name" className={labelClass}>
          {t("name")}
        </label>
        <input
          {...field("name")}
          type="text"
          autoComplete="off"
          defaultValue={values.name}
          className={`mt-1 ${inputClass}`}
        />
        {errorFor("name")}
      </div>
      <div>
        <label htmlFor="new-role" className={labelClass}>
          {t("role")}
        </label>
        <select {...field("role")} defaultValue={values.role ?? "support"} className={`mt-1 ${inputClass}`}>
          {roles.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
        {errorFor("role")}
      </div>
      <div>
        <label htmlFor="new-password" className={labelClass}>
          {t("password")}
        </label>
        <input
          {...field("password")}
          type="password"
          autoComplete="new-password"
          minLength={minPasswordLength}
          className={`mt-1 ${inputClass}`}
        />
        {errorFor("password") ?? (
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">
            {t("passwordHint", { min: minPasswordLength })}
          </p>
        )}
      </div>
      <div className="flex flex-col justify-start gap-2 pt-6">
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? t("submitting") : t("submit")}
        </button>
        <ActionMessage state={state} success={t("added")} />
      </div>
    </form>
  );
}
