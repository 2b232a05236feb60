/**
 * Where to go after signing in: a path on this site only, never another origin (open-redirect safe).
 *
 * A prefix check is not enough: browsers drop TAB, CR and LF anywhere in a URL and read `\` as `/`, so
 * `/\t/evil.example` or `/\evil.example` become `//evil.example` on the way out. So the value is refused outright
 * when it (or its percent-decoded form) holds a control character or a backslash, and what is left is resolved
 * against an origin of our own: only a result on that origin, whose path does not itself start with `//`,
 * is kept, and it is returned in its normalised form (what the browser would request anyway).
 */
export function sameOriginPath(value: unknown, origin = PLACEHOLDER_ORIGIN): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return null;
  if (hasForbiddenCharacters(value)) return null;
  const base = new URL(origin);
  // Relative values must be absolute paths; an absolute URL (Auth.js passes those) must be on this origin.
  if (!value.startsWith("/") && !value.toLowerCase().startsWith(`${base.origin.toLowerCase()}/`)) return null;
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return null;
  }
  if (url.origin !== base.origin || url.username || url.password) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // `/..//x` normalises to `//x`; `/%2F%2Fx` is a same-site path, but some proxies decode it into `//x`.
  if (!path.startsWith("/") || path.startsWith("//") || decodedPrefix(path).startsWith("//")) return null;
  return path;
}

/** The sign-in page's target: a same-origin path, and not the sign-in page or an API route; otherwise `/`. */
export function safeCallbackUrl(value: unknown, fallback = "/"): string {
  const path = sameOriginPath(value);
  if (!path) return fallback;
  const lower = decodedPrefix(path).toLowerCase();
  if (lower.startsWith("/sign-in") || lower.startsWith("/api/")) return fallback;
  return path;
}

const PLACEHOLDER_ORIGIN = "http://recdesk.invalid";

// C0 controls, DEL, C1 controls, and the backslash; checked on the raw value and after each of up to three
// percent-decodings, so `%09`, `%5C` and `%250d` are caught however often a proxy decodes them.
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\\]/;

function hasForbiddenCharacters(value: string): boolean {
  let current = value;
  for (let i = 0; i < 4; i++) {
    if (FORBIDDEN.test(current)) return true;
    const next = safeDecode(current);
    if (next === null) return true; // malformed percent-encoding: nothing legitimate needs it
    if (next === current) return false;
    current = next;
  }
  return true; // still changing after three decodings: nobody links like that
}

function decodedPrefix(path: string): string {
  let current = path;
  for (let i = 0; i < 3; i++) {
    const next = safeDecode(current);
    if (next === null || next === current) break;
    current = next;
  }
  return current;
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
