import Link from "next/link";
import { buttonClasses } from "@/components/ui";

/** Keyset paging: the links carry the boundary (start time and id), so every page costs the same at any depth. */
export function RecordingsPager({ newerHref, olderHref }: { newerHref?: string; olderHref?: string }) {
  const disabled = `${buttonClasses("secondary", "sm")} pointer-events-none opacity-50`;
  return (
    <nav aria-label="Recording pages" className="flex justify-between gap-2">
      {newerHref ? (
        <Link href={newerHref} className={buttonClasses("secondary", "sm")} data-testid="recordings-newer">
          ← Newer
        </Link>
      ) : (
        <span aria-disabled="true" className={disabled}>
          ← Newer
        </span>
      )}
      {olderHref ? (
        <Link href={olderHref} className={buttonClasses("secondary", "sm")} data-testid="recordings-older">
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
