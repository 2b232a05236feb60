import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { getConfig } from "@/lib/config";
import { currentActor } from "@/lib/auth/require";
import { can } from "@/lib/auth/roles";
import { AppHeader } from "@/components/shell/app-header";
import { DemoBanner } from "@/components/shell/demo-banner";
import type { NavItem } from "@/components/shell/nav-links";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { signOutAction } from "@/app/(auth)/sign-out/actions";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  if (!actor) redirect("/sign-in");
  const nav: NavItem[] = [
    { href: "/streams", label: "Streams" },
    { href: "/tasks", label: "Tasks" },
  ];
  if (can(actor.role, "recordings:view")) nav.push({ href: "/recordings", label: "Recordings" });
  if (can(actor.role, "jobs:view")) nav.push({ href: "/jobs", label: "Bulk jobs" });
  if (can(actor.role, "audit:view")) nav.push({ href: "/audit", label: "Audit" });
  if (can(actor.role, "users:manage")) nav.push({ href: "/users", label: "Users" });
  return (
    <>
      {getConfig().demoMode ? <DemoBanner /> : null}
      <AppHeader user={actor} nav={nav} actions={<SignOutButton action={signOutAction} />} />
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </>
  );
}
