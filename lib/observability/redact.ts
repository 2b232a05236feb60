// What must never reach a log line, whatever shape it arrives in. Object fields are removed by pino's redact
// paths (REDACT_PATHS); strings (an error message, a URL) are scrubbed by scrubText: a TC3 signature, a bearer
// token, and the literal value of every secret variable this process was given.

export const REDACTED = "[redacted]";

const SECRET_FIELDS = [
  "password",
  "newPassword",
  "secretKey",
  "secret",
  "sessionToken",
  "token",
  "authSecret",
  "auditKey",
  "clientSecret",
  "authorization",
  "Authorization",
  "cookie",
  "Cookie",
  "signature",
];

/** pino redact paths: each secret field at the top level, one level down, and inside request/response headers. */
export const REDACT_PATHS = [
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((f) => `*.${f}`),
  ...SECRET_FIELDS.map((f) => `*.headers.${f}`),
  '*.headers["set-cookie"]',
];

/** Variables whose values are secrets: their literal text is masked wherever it appears in a string. */
const SECRET_VARIABLES = [
  "TENCENTCLOUD_SECRET_KEY",
  "TENCENTCLOUD_SESSION_TOKEN",
  "AUTH_SECRET",
  "RECDESK_AUDIT_KEY",
  "AUTH_OIDC_CLIENT_SECRET",
  "RECDESK_METRICS_TOKEN",
];

function secretValues(env: Record<string, string | undefined>): string[] {
  // Short values would mask ordinary words; every real secret here is far longer.
  return SECRET_VARIABLES.map((name) => env[name]?.trim() ?? "").filter((v) => v.length >= 8);
}

export function scrubText(text: string, env: Record<string, string | undefined> = process.env): string {
  let out = text
    .replace(/Signature=[0-9a-fA-F]+/g, `Signature=${REDACTED}`)
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, `$1 ${REDACTED}`)
    .replace(/(postgres(?:ql)?:\/\/[^:/@\s]+):[^@\s]+@/g, `$1:${REDACTED}@`);
  for (const secret of secretValues(env)) out = out.split(secret).join(REDACTED);
  return out;
}

/** Scrubs every string in a log record's fields, and removes secret fields at any depth pino's paths miss. */
export function scrubFields(value: unknown, env: Record<string, string | undefined> = process.env, depth = 0): unknown {
  if (typeof value === "string") return scrubText(value, env);
  if (depth > 4 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => scrubFields(v, env, depth + 1));
  if (value instanceof Error)
    return { type: value.name, message: scrubText(value.message, env), stack: scrubText(value.stack ?? "", env) };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    out[k] = SECRET_FIELDS.includes(k) || k === "set-cookie" ? REDACTED : scrubFields(v, env, depth + 1);
  return out;
}
