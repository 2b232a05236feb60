import { createHash } from "node:crypto";
import { z } from "zod";

/** Tencent sends integers as JSON numbers; a numeric string is accepted too, as some of its SDK samples do. */
const integer = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^-?\d{1,15}$/)
    .transform(Number),
]);

/** What every callback carries, whatever its event: enough to authenticate it and keep it (§1.10c). */
const EnvelopeSchema = z.looseObject({
  event_type: integer,
  t: integer,
  sign: z.string().regex(/^[0-9a-fA-F]{32}$/),
});

export interface CallbackEnvelope {
  eventType: number;
  t: number;
  sign: string;
  body: Record<string, unknown>;
}

/** The parsed envelope, or null for a body that is not a JSON object with event_type, t and sign. */
export function parseEnvelope(raw: string): CallbackEnvelope | null {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = EnvelopeSchema.safeParse(json);
  if (!parsed.success) return null;
  return { eventType: parsed.data.event_type, t: parsed.data.t, sign: parsed.data.sign, body: parsed.data };
}

/**
 * The identity of an event across Tencent's retries: its body without `t` and `sign` (which a retry may sign
 * anew), with keys sorted so their order does not matter.
 */
export function dedupKey(body: Record<string, unknown>): string {
  const rest = Object.fromEntries(Object.entries(body).filter(([k]) => k !== "t" && k !== "sign"));
  return createHash("sha256").update(canonicalJson(rest)).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value) ?? "null";
}
