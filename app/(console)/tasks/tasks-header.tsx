import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClasses } from "@/components/ui/button";
import { can } from "@/lib/auth/roles";

/** Title (already in the reader's language) and the ways in: Stop by ID, register, start (each shown only to roles that may use it). */
export function TasksHeader({
  title,
  role,
  current,
}: {
  title: string;
  role: string | null | undefined;
  current?: string;
}) {
  const t = useTranslations("tasks.header");
  const links = [
    { href: "/tasks", label: t("allTasks"), show: true },
    { href: "/tasks/stop", label: t("stopById"), show: can(role, "task:stop") },
    { href: "/tasks/register", label: t("register"), show: can(role, "task:register") },
    { href: "/tasks/new", label: t("start"), show: can(role, "task:start") },
  ].filter((l) => l.show && l.href !== current);
  return (
    <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <div className="flex flex-wrap gap-2">
        {links.map((l) => (
          <Link
            key={l.href}
            href={l.href}
            className={buttonClasses(l.href === "/tasks/stop" ? "danger" : "secondary", "sm")}
          >
            {l.label}
          </Link>
        ))}
      </div>
    </div>
  );
}
