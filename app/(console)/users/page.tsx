import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { pageAccess } from "@/lib/auth/page-access";
import { ROLE_NAMES } from "@/lib/auth/definitions";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { listUsers } from "@/lib/auth/users";
import { getDb } from "@/lib/db";
import { AddUserForm } from "@/components/users/add-user-form";
import { UsersTable } from "@/components/users/users-table";
import { changeRoleAction, createUserAction, resetPasswordAction, setUserDisabledAction } from "./actions";
import { AccessDenied } from "@/components/ui/access-denied";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users"))("title") };
}

export default async function UsersPage() {
  const access = await pageAccess("users:manage");
  const t = await getTranslations("users");
  const roleName = await getTranslations("shell.roles");
  if (!access.ok) {
    const { code, message } = access.denied;
    // No "Users" heading for someone who may not manage users: the title is the refusal itself.
    return <AccessDenied title={code} code={code} message={code === "Forbidden" ? t("forbidden") : message} />;
  }
  const users = await listUsers(await getDb());
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{t("description")}</p>
      </div>
      <section
        aria-labelledby="add-user-heading"
        className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      >
        <h2 id="add-user-heading" className="mb-3 text-base font-semibold">
          {t("addHeading")}
        </h2>
        <AddUserForm
          action={createUserAction}
          roles={ROLE_NAMES.map((r) => ({ value: r, label: roleName(r) }))}
          minPasswordLength={MIN_PASSWORD_LENGTH}
        />
        <ul className="mt-4 grid gap-1 text-xs text-slate-600 sm:grid-cols-2 dark:text-slate-300">
          {ROLE_NAMES.map((r) => (
            <li key={r}>{t(`roleDescriptions.${r}`)}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="users-heading">
        <h2 id="users-heading" className="mb-3 text-base font-semibold">
          {t("count", { count: users.length })}
        </h2>
        <UsersTable
          users={users}
          roles={[...ROLE_NAMES]}
          currentUserId={access.actor.userId}
          minPasswordLength={MIN_PASSWORD_LENGTH}
          actions={{
            changeRole: changeRoleAction,
            setDisabled: setUserDisabledAction,
            resetPassword: resetPasswordAction,
          }}
        />
      </section>
    </div>
  );
}
