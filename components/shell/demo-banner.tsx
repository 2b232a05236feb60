import { useTranslations } from "next-intl";

export function DemoBanner() {
  const t = useTranslations("shell");
  return (
    <div
      role="status"
      className="bg-warn-50 px-4 py-2 text-center text-sm font-medium text-warn-700 dark:bg-warn-700 dark:text-warn-50"
    >
      {t("demoBanner")}
    </div>
  );
}
