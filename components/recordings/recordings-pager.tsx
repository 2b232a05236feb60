import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClasses } from "@/components/ui";

/** Keyset paging: the links carry the boundary (start time and id), so every page costs the same at any depth. */
export function RecordingsPager({ newerHref, olderHref }: { newerHref?: string; olderHref?: string }) {
  const t = useTranslations("recordings.pager");
  const disabled = `${buttonClasses("secondary", "sm")} pointer-events-none opacity-50`;
  return (
    <nav aria-label={t("nav")} className="flex justify-between gap-2">
      {newerHref ? (
        <Link href={newerHref} className={buttonClasses("secondary", "sm")} data-testid="recordings-newer">
          {t("newer")}
        </Link>
      ) : (
        <span aria-disabled="true" className={disabled}>
          {t("newer")}
        </span>
      )}
      {olderHref ? (
        <Link href={olderHref} className={buttonClasses("secondary", "sm")} data-testid="recordings-older">
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
