import Link from "next/link";
import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { LocaleSwitch } from "./locale-switch";
import { NavLinks, type NavItem } from "./nav-links";

export interface HeaderUser {
  name: string;
  email: string;
  role: string | null;
}

type LocaleAction = Parameters<typeof LocaleSwitch>[0]["action"];

export function AppHeader({
  user,
  nav,
  localeAction,
  actions,
}: {
  user: HeaderUser | null;
  nav: NavItem[];
  /** Stores the language on the account (app/(console)/account/actions.ts). */
  localeAction: LocaleAction;
  actions?: ReactNode;
}) {
  const t = useTranslations("shell");
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-4 px-4 py-3">
        <Link href="/streams" className="text-lg font-bold tracking-tight text-brand-700 dark:text-brand-100">
          RecDesk
        </Link>
        <NavLinks items={nav} label={t("mainNav")} />
        <div className="ml-auto flex items-center gap-3 text-sm">
          <LocaleSwitch action={localeAction} />
          {user ? (
            <span data-testid="current-user">
              <span className="font-medium">{user.name}</span>{" "}
              <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs uppercase tracking-wide text-slate-700 dark:bg-slate-800 dark:text-slate-200">
                {user.role ? t(`roles.${user.role}`) : t("roles.none")}
              </span>
            </span>
          ) : null}
          {actions}
        </div>
      </div>
    </header>
  );
}
