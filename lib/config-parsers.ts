import { z } from "zod";

// The value parsers behind lib/config-schema.ts: how one environment variable's text becomes a value, and how a
// refusal is worded.

// Deployment tools often write `NAME=` for "unset"; treat blank values as absent, not as invalid.
export const optionalText = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.string().trim().optional(),
);

export const flag = z
  .preprocess(
    (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
    z.enum(["1", "true", "yes", "on", "0", "false", "no", "off", ""]).optional(),
  )
  .transform((v) => v === "1" || v === "true" || v === "yes" || v === "on");

export function int(min: number, max: number, fallback: number) {
  return z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.coerce.number().int().min(min).max(max).default(fallback),
  );
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "1h", "30m", "90s", "3600000" (milliseconds) → ms; "0" or "off" → 0; anything else (or under 1 s) → null. */
export function parseInterval(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (t === "off" || t === "0") return 0;
  const m = /^(\d+)(ms|s|m|h|d)?$/.exec(t);
  if (!m) return null;
  const ms = Number(m[1]) * UNIT_MS[m[2] ?? "ms"]!;
  return ms >= 1_000 && ms <= 30 * 86_400_000 ? ms : null;
}

export function describeIssue(issue: z.core.$ZodIssue, raw: string | undefined): string {
  // Never echo a value that could be a secret; the other variables are safe to quote.
  const quoted =
    raw !== undefined && !/SECRET|TOKEN|DATABASE_URL|DATABASE_MIGRATION_URL|AUDIT_KEY/.test(String(issue.path[0]))
      ? ` (got "${raw}")`
      : "";
  return `${issue.message}${quoted}`;
}
