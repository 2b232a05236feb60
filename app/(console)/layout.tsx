import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getConfig } from "@/lib/config";
import { currentActor } from "@/lib/auth/require";
import { can } from "@/lib/auth/roles";
import { AppHeader } from "@/components/shell/app-header";
import { DemoBanner } from "@/components/shell/demo-banner";
import type { NavItem } from "@/components/shell/nav-links";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { signOutAction } from "@/app/(auth)/sign-out/actions";
import { setLocaleAction } from "./account/actions";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  if (!actor) redirect("/sign-in");
  const t = await getTranslations("shell.nav");
  const nav: NavItem[] = [
    { href: "/streams", label: t("streams") },
    { href: "/tasks", label: t("tasks") },
  ];
  if (can(actor.role, "recordings:view")) nav.push({ href: "/recordings", label: t("recordings") });
  if (can(actor.role, "jobs:view")) nav.push({ href: "/jobs", label: t("jobs") });
  if (can(actor.role, "audit:view")) nav.push({ href: "/audit", label: t("audit") });
  if (can(actor.role, "users:manage")) nav.push({ href: "/users", label: t("users") });
  return (
    <>
      {getConfig().demoMode ? <DemoBanner /> : null}
      <AppHeader
        user={actor}
        nav={nav}
        localeAction={setLocaleAction}
        actions={<SignOutButton action={signOutAction} />}
      />
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </>
  );
}
