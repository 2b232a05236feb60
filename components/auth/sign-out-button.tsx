import { useTranslations } from "next-intl";

/** A real form, so signing out works without JavaScript and cannot be triggered by a mere link prefetch. */
export function SignOutButton({ action }: { action: () => Promise<void> }) {
  const t = useTranslations("shell");
  return (
    <form action={action}>
      <button
        type="submit"
        className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800"
      >
        {t("signOut")}
      </button>
    </form>
  );
}
