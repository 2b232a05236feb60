import { z } from "zod";

// The operator's variables for logs, metrics and shutdown. Read straight from the environment (not through
// lib/config) because the logger must work before the configuration is parsed, in CLI scripts as in the server;
// start-up still validates them (lib/startup) so a bad value stops the server with one line.

const blankIsUnset = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const ObservabilityEnv = z.object({
  LOG_LEVEL: z.preprocess(
    (v) => (typeof v === "string" ? blankIsUnset(v.trim().toLowerCase()) : v),
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ),
  LOG_FORMAT: z.preprocess(
    (v) => (typeof v === "string" ? blankIsUnset(v.trim().toLowerCase()) : v),
    z.enum(["json", "pretty"]).default("json"),
  ),
  RECDESK_METRICS_TOKEN: z.preprocess(
    blankIsUnset,
    z.string().min(16, "must be at least 16 characters (try: openssl rand -hex 24)").optional(),
  ),
  RECDESK_SHUTDOWN_GRACE_MS: z.preprocess(blankIsUnset, z.coerce.number().int().min(0).max(300_000).default(10_000)),
});

export type ObservabilitySettings = z.output<typeof ObservabilityEnv>;

/** Throws one line naming the variable; `lenient` falls back to defaults (the logger must never refuse to log). */
export function observabilitySettings(
  env: Record<string, string | undefined> = process.env,
  lenient = false,
): ObservabilitySettings {
  const parsed = ObservabilityEnv.safeParse(env);
  if (parsed.success) return parsed.data;
  if (lenient) return ObservabilityEnv.parse({});
  const issue = parsed.error.issues[0]!;
  const variable = String(issue.path[0]);
  // Never echo the metrics token; the other values are safe to quote.
  const got = variable === "RECDESK_METRICS_TOKEN" ? "" : ` (got "${env[variable]}")`;
  throw new Error(`RecDesk configuration error: ${variable} ${issue.message}${got}`);
}
