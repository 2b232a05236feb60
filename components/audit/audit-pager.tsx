import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClasses } from "@/components/ui";

/** Keyset paging: links carry the boundary id, so every page costs the same at any depth. */
export function AuditPager({ newerHref, olderHref }: { newerHref?: string; olderHref?: string }) {
  const t = useTranslations("audit.pager");
  const disabled = `${buttonClasses("secondary", "sm")} pointer-events-none opacity-50`;
  return (
    <nav aria-label={t("nav")} className="flex justify-between gap-2">
      {newerHref ? (
        <Link href={newerHref} className={buttonClasses("secondary", "sm")}>
          {t("newer")}
        </Link>
      ) : (
        <span aria-disabled="true" className={disabled}>
          {t("newer")}
        </span>
      )}
      {olderHref ? (
        <Link href={olderHref} className={buttonClasses("secondary", "sm")}>
          {t("older")}
        </Link>
      ) : (
        <span aria-disabled="true" className={disabled}>
          {t("older")}
        </span>
      )}
    </nav>
  );
}
