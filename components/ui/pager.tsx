import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClasses } from "@/components/ui/button";

/** Server-side paging links ("1–25 of 312 tasks"); `hrefFor` builds the URL with the current filters. */
export function Pager({
  page,
  pageCount,
  total,
  totalExact = true,
  shown,
  pageSize,
  hrefFor,
  noun = "task",
}: {
  page: number;
  pageCount: number;
  total: number;
  /** false when `total` is only a floor (a big registry is counted up to a cap): "more than N", no last page. */
  totalExact?: boolean;
  /** Rows on this page, for the "from–to" when the total is only a floor. */
  shown?: number;
  pageSize: number;
  hrefFor: (page: number) => string;
  noun?: string;
}) {
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = totalExact ? Math.min(total, page * pageSize) : (page - 1) * pageSize + (shown ?? pageSize);
  const t = useTranslations("ui.pager");
  const disabled = "pointer-events-none opacity-50";
  // Known nouns have their own words (and plurals) in each language; any other is shown as the caller wrote it.
  const range = { from, to, total, noun: noun === "task" || noun === "job" ? noun : "other", nounText: noun };
  return (
    <nav aria-label={t("nav")} className="flex flex-wrap items-center justify-between gap-2 text-sm">
      <p aria-live="polite">{totalExact ? t("range", range) : t("rangeMore", range)}</p>
      <div className="flex items-center gap-2">
        <Link
          href={hrefFor(page - 1)}
          aria-disabled={page <= 1}
          tabIndex={page <= 1 ? -1 : undefined}
          className={buttonClasses("secondary", "sm", page <= 1 ? disabled : "")}
        >
          {t("previous")}
        </Link>
        <span>{totalExact ? t("pageOf", { page, pageCount }) : t("page", { page })}</span>
        <Link
          href={hrefFor(page + 1)}
          aria-disabled={page >= pageCount}
          tabIndex={page >= pageCount ? -1 : undefined}
          className={buttonClasses("secondary", "sm", page >= pageCount ? disabled : "")}
        >
          {t("next")}
        </Link>
      </div>
    </nav>
  );
}
