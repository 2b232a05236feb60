import Link from "next/link";
import type { ReactNode } from "react";
import { NavLinks, type NavItem } from "./nav-links";

export interface HeaderUser {
  name: string;
  email: string;
  role: string | null;
}

export function AppHeader({ user, nav, actions }: { user: HeaderUser | null; nav: NavItem[]; actions?: ReactNode }) {
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-4 px-4 py-3">
        <Link href="/streams" className="text-lg font-bold tracking-tight text-brand-700 dark:text-brand-100">
          RecDesk
        </Link>
        <NavLinks items={nav} />
        <div className="ml-auto flex items-center gap-3 text-sm">
          {user ? (
            <span data-testid="current-user">
              <span className="font-medium">{user.name}</span>{" "}
              <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs uppercase tracking-wide text-slate-700 dark:bg-slate-800 dark:text-slate-200">
                {user.role ?? "no role"}
              </span>
            </span>
          ) : null}
          {actions}
        </div>
      </div>
    </header>
  );
}
