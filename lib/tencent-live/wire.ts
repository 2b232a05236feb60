import { isSafeNumber, LosslessNumber, parse, stringify } from "lossless-json";

// JSON on the wire without losing 64-bit integers. Tencent's TaskId is an unsigned 64-bit integer;
// JSON.parse (what the official SDK uses) rounds anything above 2^53. Safe numbers become plain
// numbers, larger ones stay LosslessNumber and are read back as exact decimal strings.

export function parseLossless(text: string): unknown {
  return parse(text, null, (s: string) => (isSafeNumber(s) ? Number(s) : new LosslessNumber(s)));
}

/** Serialises with bigint values written as exact JSON integers. */
export function stringifyLossless(value: unknown): string {
  const out = stringify(value);
  if (out === undefined) throw new TypeError("value cannot be serialised to JSON");
  return out;
}

/** The exact decimal text of a JSON integer (number, LosslessNumber or bigint); undefined otherwise. */
export function integerText(v: unknown): string | undefined {
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return Number.isSafeInteger(v) ? String(v) : undefined;
  if (v instanceof LosslessNumber) return /^-?\d+$/.test(v.value) ? v.value : undefined;
  return undefined;
}

export function toNumber(v: unknown, fallback = 0): number {
  if (typeof v === "number") return v;
  if (v instanceof LosslessNumber) return Number(v.value);
  return fallback;
}

export { LosslessNumber };
