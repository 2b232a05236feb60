import { useTranslations } from "next-intl";
import { StatusBadge, type BadgeTone } from "@/components/ui";

const TONE: Record<string, BadgeTone> = {
  ok: "ok",
  error: "danger",
  denied: "danger",
  invalid: "warn",
  unknown: "warn",
  pending: "progress",
};

/** The outcome in the reader's words; the stored value (data-outcome, the CSV) stays the English code. */
export function OutcomeBadge({ outcome }: { outcome: string }) {
  const t = useTranslations("audit.outcomes");
  return <StatusBadge tone={TONE[outcome] ?? "neutral"}>{t.has(outcome) ? t(outcome) : outcome}</StatusBadge>;
}
