/**
 * Text as the database will give it back. Postgres (and PGlite) store text as UTF-8: a lone UTF-16 surrogate
 * comes back as U+FFFD, and NUL is refused outright (`text` and `jsonb` alike). Anything hashed before it is
 * stored — the audit chain — must be normalised first, or the stored record never matches its hash again.
 *
 * Three functions, one rule each:
 * - `wellFormed(text)`: lone surrogates and NUL become U+FFFD (what the driver would have stored anyway, minus
 *   the refusal); everything else is kept as typed.
 * - `clipText(text, max)`: well-formed, then at most `max` UTF-16 units (what `String.length` and zod's `.max`
 *   count), cut only between code points — never through a surrogate pair.
 * - `storableJson(value)`: a JSON value exactly as `jsonb` stores it — JSON round trip (undefined members and
 *   functions dropped, dates as ISO strings), every string and key well-formed.
 */

export const REPLACEMENT_CHARACTER = "\uFFFD";

// A high surrogate not followed by a low one, or a low one not preceded by a high one; and NUL.
const ILL_FORMED = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\u0000/g;

export function wellFormed(text: string): string {
  return text.replace(ILL_FORMED, REPLACEMENT_CHARACTER);
}

/** `marker` (e.g. "…") is appended when something was cut; it counts towards `max`. */
export function clipText(text: string, max: number, marker = ""): string {
  const clean = wellFormed(text);
  if (clean.length <= max) return clean;
  let end = Math.max(0, max - marker.length);
  // Never end on the high half of a pair: the cut would leave a lone surrogate behind.
  const last = clean.charCodeAt(end - 1);
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end -= 1;
  return clean.slice(0, end) + marker;
}

/** For optional columns: undefined and null stay null. */
export function clipOptional(text: string | null | undefined, max: number, marker = ""): string | null {
  return text === undefined || text === null ? null : clipText(text, max, marker);
}

export function storableJson<T>(value: T): T {
  if (value === undefined || value === null) return value;
  const json = JSON.stringify(value);
  return json === undefined ? (null as T) : (cleanStrings(JSON.parse(json)) as T);
}

function cleanStrings(value: unknown): unknown {
  if (typeof value === "string") return wellFormed(value);
  if (Array.isArray(value)) return value.map(cleanStrings);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    // defineProperty: a "__proto__" key from a JSON body is data, not the object's prototype.
    for (const [k, v] of Object.entries(value))
      Object.defineProperty(out, wellFormed(k), {
        value: cleanStrings(v),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  }
  return value;
}
