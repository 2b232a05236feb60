import { useTranslations } from "next-intl";
import type { UserView } from "@/lib/auth/definitions";
import { DisableForm, ResetPasswordForm, RoleForm, type UserRowActionSet } from "./user-row-actions";

export function UsersTable({
  users,
  roles,
  actions,
  currentUserId,
  minPasswordLength,
}: {
  users: UserView[];
  roles: string[];
  actions: UserRowActionSet;
  currentUserId: string;
  minPasswordLength: number;
}) {
  const t = useTranslations("users.table");
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
        <caption className="sr-only">{t("caption")}</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-700 dark:bg-slate-950 dark:text-slate-300">
          <tr>
            <th scope="col" className="px-4 py-2">
              {t("user")}
            </th>
            <th scope="col" className="px-4 py-2">
              {t("status")}
            </th>
            <th scope="col" className="px-4 py-2">
              {t("role")}
            </th>
            <th scope="col" className="px-4 py-2">
              {t("access")}
            </th>
            <th scope="col" className="px-4 py-2">
              {t("password")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
          {users.map((u) => {
            const isSelf = u.id === currentUserId;
            return (
              <tr key={u.id} data-testid={`user-row-${u.email}`} className="align-top">
                <td className="px-4 py-3">
                  <div className="font-medium">
                    <span translate="no">{u.name}</span>
                    {isSelf ? (
                      <span className="ml-1 text-xs text-slate-600 dark:text-slate-300">{t("you")}</span>
                    ) : null}
                  </div>
                  <div className="font-mono text-xs text-slate-600 dark:text-slate-300">{u.email}</div>
                  {u.sso ? <div className="text-xs text-slate-600 dark:text-slate-300">{t("sso")}</div> : null}
                </td>
                <td className="px-4 py-3">
                  {u.disabled ? (
                    <span className="rounded bg-danger-50 px-1.5 py-0.5 text-xs font-semibold text-danger-700 dark:bg-danger-700 dark:text-danger-50">
                      {t("disabled")}
                    </span>
                  ) : !u.role ? (
                    <span className="rounded bg-warn-50 px-1.5 py-0.5 text-xs font-semibold text-warn-700 dark:bg-warn-700 dark:text-warn-50">
                      {t("waiting")}
                    </span>
                  ) : (
                    <span className="rounded bg-ok-50 px-1.5 py-0.5 text-xs font-semibold text-ok-700 dark:bg-ok-700 dark:text-ok-50">
                      {t("active")}
                    </span>
                  )}
                </td>
                <td className="px-4 py-3">
                  <RoleForm user={u} roles={roles} action={actions.changeRole} isSelf={isSelf} />
                </td>
                <td className="px-4 py-3">
                  <DisableForm user={u} action={actions.setDisabled} isSelf={isSelf} />
                </td>
                <td className="px-4 py-3">
                  <ResetPasswordForm user={u} action={actions.resetPassword} minPasswordLength={minPasswordLength} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
