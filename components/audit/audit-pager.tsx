import Link from "next/link";
import { buttonClasses } from "@/components/ui";

/** Keyset paging: links carry the boundary id, so every page costs the same at any depth. */
export function AuditPager({ newerHref, olderHref }: { newerHref?: string; olderHref?: string }) {
  const disabled = `${buttonClasses("secondary", "sm")} pointer-events-none opacity-50`;
  return (
    <nav aria-label="Audit pages" className="flex justify-between gap-2">
      {newerHref ? (
        <Link href={newerHref} className={buttonClasses("secondary", "sm")}>
          ← Newer
        </Link>
      ) : (
        <span aria-disabled="true" className={disabled}>
          ← Newer
        </span>
      )}
      {olderHref ? (
        <Link href={olderHref} className={buttonClasses("secondary", "sm")}>
          Older →
        </Link>
      ) : (
        <span aria-disabled="true" className={disabled}>
          Older →
        </span>
      )}
    </nav>
  );
}
