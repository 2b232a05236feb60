import { StatusBadge, type BadgeTone } from "@/components/ui";

const TONE: Record<string, BadgeTone> = {
  ok: "ok",
  error: "danger",
  denied: "danger",
  invalid: "warn",
  unknown: "warn",
  pending: "progress",
};

export function OutcomeBadge({ outcome }: { outcome: string }) {
  return <StatusBadge tone={TONE[outcome] ?? "neutral"}>{outcome}</StatusBadge>;
}
