"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/action-result";
import type { DemoAccountView } from "@/lib/auth/definitions";

type SignInAction = (prev: ActionResult | null, formData: FormData) => Promise<ActionResult>;

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 placeholder:text-slate-500 dark:border-slate-600 dark:bg-slate-950 dark:text-slate-100 dark:placeholder:text-slate-400";

export function SignInForm({
  action,
  callbackUrl,
  initialError,
  demoAccounts,
  demoPassword,
}: {
  action: SignInAction;
  callbackUrl: string;
  initialError?: string;
  demoAccounts?: DemoAccountView[];
  demoPassword?: string;
}) {
  const t = useTranslations("signIn");
  const roles = useTranslations("shell.roles");
  const [state, formAction, pending] = useActionState(action, null);
  // Controlled, so what was typed survives a refused attempt and the demo list can fill it in.
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const failure = state && !state.ok ? state : null;
  const error = failure?.message ?? (state ? undefined : initialError);
  const fieldErrors = failure?.fieldErrors ?? {};

  return (
    <div className="space-y-6">
      <form action={formAction} className="space-y-4" noValidate>
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        {error ? (
          <div
            role="alert"
            className="rounded-md border border-danger-300 bg-danger-50 px-3 py-2 text-sm text-danger-700 dark:border-danger-600 dark:bg-danger-700 dark:text-danger-50"
          >
            {error}
          </div>
        ) : null}
        <div>
          <label htmlFor="email" className="block text-sm font-medium text-slate-700 dark:text-slate-200">
            {t("email")}
          </label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={fieldErrors.email ? true : undefined}
            aria-describedby={fieldErrors.email ? "email-error" : undefined}
            className={inputClass}
          />
          {fieldErrors.email ? (
            <p id="email-error" className="mt-1 text-sm text-danger-700 dark:text-danger-300">
              {fieldErrors.email[0]}
            </p>
          ) : null}
        </div>
        <div>
          <label htmlFor="password" className="block text-sm font-medium text-slate-700 dark:text-slate-200">
            {t("password")}
          </label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={fieldErrors.password ? true : undefined}
            aria-describedby={fieldErrors.password ? "password-error" : undefined}
            className={inputClass}
          />
          {fieldErrors.password ? (
            <p id="password-error" className="mt-1 text-sm text-danger-700 dark:text-danger-300">
              {fieldErrors.password[0]}
            </p>
          ) : null}
        </div>
        <button
          type="submit"
          disabled={pending}
          className="w-full rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {pending ? t("submitting") : t("submit")}
        </button>
      </form>

      {demoAccounts && demoAccounts.length > 0 ? (
        <section
          aria-labelledby="demo-accounts-heading"
          className="rounded-md border border-warn-300 bg-warn-50 p-3 text-sm text-warn-700 dark:border-warn-600 dark:bg-slate-900 dark:text-warn-300"
        >
          <h2 id="demo-accounts-heading" className="font-semibold">
            {t("demo.heading")}
          </h2>
          <p className="mt-1">
            {t("demo.passwordForAll")} <code className="font-mono">{demoPassword}</code>
          </p>
          <ul className="mt-2 space-y-1">
            {demoAccounts.map((a) => (
              <li key={a.email} className="flex items-center justify-between gap-2">
                <span>
                  <code className="font-mono">{a.email}</code>{" "}
                  <span className="text-xs uppercase tracking-wide">{roles(a.role)}</span>
                </span>
                <button
                  type="button"
                  onClick={() => {
                    setEmail(a.email);
                    setPassword(demoPassword ?? "");
                  }}
                  aria-label={t("demo.fillIn", { email: a.email })}
                  className="rounded px-2 py-0.5 text-xs font-medium underline hover:bg-warn-300/40"
                >
                  {t("demo.use")}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
