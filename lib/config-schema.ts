import path from "node:path";
import { z } from "zod";
import { describeIssue, flag, int, optionalText, parseInterval } from "./config-parsers";
import type { RecDeskConfig } from "./config-types";
import { DEFAULT_RECORD_TASK_REGION, RECORD_TASK_REGIONS } from "./tencent-live/record-task-types";

export type { RecDeskConfig };

const EnvSchema = z.object({
  TENCENTCLOUD_SECRET_ID: optionalText,
  TENCENTCLOUD_SECRET_KEY: optionalText,
  TENCENTCLOUD_SESSION_TOKEN: optionalText,
  TENCENTCLOUD_LIVE_ENDPOINT: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z
      .url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://live.tencentcloudapi.com" })
      .default("https://live.tencentcloudapi.com"),
  ),
  TENCENTCLOUD_TIMEOUT_MS: int(100, 120_000, 10_000),
  // The RecordTask family needs X-TC-Region; a typo here would fail every call of it, so refuse it at start-up.
  TENCENTCLOUD_REGION: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v),
    z
      .enum(RECORD_TASK_REGIONS, { error: `must be one of ${RECORD_TASK_REGIONS.join(", ")}` })
      .default(DEFAULT_RECORD_TASK_REGION),
  ),
  // The key of the callback template (CallbackKey): Tencent signs every callback with it. Unset: the endpoint is off.
  TENCENTCLOUD_CALLBACK_KEY: optionalText,
  DATABASE_URL: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z
      .string()
      .regex(/^postgres(ql)?:\/\/.+/, "must be a postgres:// or postgresql:// connection URL")
      .optional(),
  ),
  RECDESK_DEMO: flag,
  DATABASE_MIGRATION_URL: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z
      .string()
      .regex(
        /^postgres(ql)?:\/\/.+/,
        "must be a postgres:// or postgresql:// connection URL (the role that owns the schema)",
      )
      .optional(),
  ),
  RECDESK_DATA_DIR: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.string().default(".data"),
  ),
  AUTH_SECRET: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 32)").optional(),
  ),
  RECDESK_AUDIT_KEY: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 32)").optional(),
  ),
  RECDESK_AUDIT_VERIFY_INTERVAL: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z
      .string()
      .default("1h")
      .transform((v, ctx) => {
        const ms = parseInterval(v);
        if (ms === null)
          ctx.addIssue({
            code: "custom",
            message:
              "must be a duration such as 1h, 30m, 90s or 3600000 (milliseconds), at least 1s; 0 or off disables it",
          });
        return ms ?? 0;
      }),
  ),
  AUTH_OIDC_ISSUER: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.url({ protocol: /^https?$/, error: "must be the issuer URL of your OpenID Connect provider" }).optional(),
  ),
  AUTH_OIDC_CLIENT_ID: optionalText,
  AUTH_OIDC_CLIENT_SECRET: optionalText,
  AUTH_OIDC_ROLE_CLAIM: optionalText,
  RECDESK_SIMULATOR_PORT: int(0, 65_535, 0),
  RECDESK_SIMULATOR_CONTROL: flag,
  RECDESK_SIMULATOR_STREAMS: int(0, 100_000, 240),
  RECDESK_SIMULATOR_TASKS: int(0, 20_000, 60),
  RECDESK_SIMULATOR_RECORD_TASKS: int(0, 20_000, 24),
  RECDESK_SIMULATOR_SEED: int(0, 2 ** 31 - 1, 20181),
  RECDESK_SIMULATOR_LATENCY_MS: int(0, 60_000, 0),
  RECDESK_STOP_RATE_LIMIT: int(1, 200, 200),
  RECDESK_BULK_MAX_ITEMS: int(1, 100_000, 5_000),
  RECDESK_BULK_CONCURRENCY: int(0, 256, 0),
  RECDESK_TRUSTED_PROXY_HOPS: int(1, 10, 1),
  RECDESK_STREAMS_CACHE_TTL_MS: int(1_000, 600_000, 30_000),
  RECDESK_RECORD_TASKS_TTL_MS: int(1_000, 600_000, 30_000),
});

/** A bad variable, named, with what is wrong; meant to be printed as one line. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`RecDesk configuration error: ${variable} ${detail}`);
    this.name = "ConfigError";
  }
}

export function parseConfig(env: Record<string, string | undefined>): RecDeskConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? "environment");
    throw new ConfigError(variable, describeIssue(issue, env[variable]));
  }
  const e = parsed.data;
  if (Boolean(e.TENCENTCLOUD_SECRET_ID) !== Boolean(e.TENCENTCLOUD_SECRET_KEY)) {
    const missing = e.TENCENTCLOUD_SECRET_ID ? "TENCENTCLOUD_SECRET_KEY" : "TENCENTCLOUD_SECRET_ID";
    throw new ConfigError(
      missing,
      "is missing: set both TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, or neither for demo mode",
    );
  }
  const demoMode = !e.TENCENTCLOUD_SECRET_ID;
  // A missing secret on a server pointed at a real database must not open the demo (and its published admin
  // password) on that database: the demo runs on Postgres only when someone asked for it by name.
  if (demoMode && e.DATABASE_URL && !e.RECDESK_DEMO) {
    throw new ConfigError(
      "TENCENTCLOUD_SECRET_ID",
      "is missing while DATABASE_URL is set: set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, or RECDESK_DEMO=1 to run the demo (published passwords) on that database",
    );
  }
  if (demoMode && e.TENCENTCLOUD_SESSION_TOKEN) {
    throw new ConfigError(
      "TENCENTCLOUD_SESSION_TOKEN",
      "is set without TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY",
    );
  }
  if (!demoMode && !e.AUTH_SECRET) {
    throw new ConfigError("AUTH_SECRET", "is missing: it is required outside demo mode (try: openssl rand -base64 32)");
  }
  if (!demoMode && !e.RECDESK_AUDIT_KEY) {
    throw new ConfigError(
      "RECDESK_AUDIT_KEY",
      "is missing: it is required outside demo mode and keys the audit chain (try: openssl rand -base64 32; keep it, without it the log cannot be verified)",
    );
  }
  if (e.DATABASE_MIGRATION_URL && !e.DATABASE_URL) {
    throw new ConfigError(
      "DATABASE_MIGRATION_URL",
      "is set without DATABASE_URL: it names the role that runs migrations on the Postgres of DATABASE_URL",
    );
  }
  const oidcVars = {
    AUTH_OIDC_ISSUER: e.AUTH_OIDC_ISSUER,
    AUTH_OIDC_CLIENT_ID: e.AUTH_OIDC_CLIENT_ID,
    AUTH_OIDC_CLIENT_SECRET: e.AUTH_OIDC_CLIENT_SECRET,
  };
  const oidcMissing = Object.entries(oidcVars)
    .filter(([, v]) => !v)
    .map(([k]) => k);
  if (oidcMissing.length > 0 && oidcMissing.length < 3) {
    throw new ConfigError(
      oidcMissing[0]!,
      "is missing: set AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET together, or none",
    );
  }
  return {
    demoMode,
    tencent: {
      secretId: e.TENCENTCLOUD_SECRET_ID,
      secretKey: e.TENCENTCLOUD_SECRET_KEY,
      sessionToken: e.TENCENTCLOUD_SESSION_TOKEN,
      endpoint: e.TENCENTCLOUD_LIVE_ENDPOINT.replace(/\/+$/, ""),
      timeoutMs: e.TENCENTCLOUD_TIMEOUT_MS,
      region: e.TENCENTCLOUD_REGION,
    },
    callbackKey: e.TENCENTCLOUD_CALLBACK_KEY,
    databaseUrl: e.DATABASE_URL,
    databaseMigrationUrl: e.DATABASE_MIGRATION_URL,
    dataDir: path.resolve(e.RECDESK_DATA_DIR),
    auditKey: e.RECDESK_AUDIT_KEY,
    auditVerifyIntervalMs: e.RECDESK_AUDIT_VERIFY_INTERVAL,
    authSecret: e.AUTH_SECRET,
    oidc:
      oidcMissing.length === 0
        ? {
            issuer: e.AUTH_OIDC_ISSUER!,
            clientId: e.AUTH_OIDC_CLIENT_ID!,
            clientSecret: e.AUTH_OIDC_CLIENT_SECRET!,
            roleClaim: e.AUTH_OIDC_ROLE_CLAIM,
          }
        : undefined,
    simulator: {
      port: e.RECDESK_SIMULATOR_PORT,
      control: e.RECDESK_SIMULATOR_CONTROL,
      streams: e.RECDESK_SIMULATOR_STREAMS,
      tasks: e.RECDESK_SIMULATOR_TASKS,
      recordTasks: e.RECDESK_SIMULATOR_RECORD_TASKS,
      seed: e.RECDESK_SIMULATOR_SEED,
      latencyMs: e.RECDESK_SIMULATOR_LATENCY_MS,
    },
    stopRateLimit: e.RECDESK_STOP_RATE_LIMIT,
    bulkMaxItems: e.RECDESK_BULK_MAX_ITEMS,
    bulkConcurrency: e.RECDESK_BULK_CONCURRENCY || undefined,
    trustedProxyHops: e.RECDESK_TRUSTED_PROXY_HOPS,
    streamsCacheTtlMs: e.RECDESK_STREAMS_CACHE_TTL_MS,
    recordTasksTtlMs: e.RECDESK_RECORD_TASKS_TTL_MS,
  };
}

/**
 * Only where the data lives and the audit key, for tools such as `npm run user:add` that need the database and
 * nothing else of the server's configuration.
 */
export function parseDatabaseConfig(
  env: Record<string, string | undefined>,
): Pick<RecDeskConfig, "databaseUrl" | "databaseMigrationUrl" | "dataDir" | "auditKey"> {
  const parsed = EnvSchema.pick({
    DATABASE_URL: true,
    DATABASE_MIGRATION_URL: true,
    RECDESK_DATA_DIR: true,
    RECDESK_AUDIT_KEY: true,
  }).safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? "environment");
    throw new ConfigError(variable, describeIssue(issue, env[variable]));
  }
  return {
    databaseUrl: parsed.data.DATABASE_URL,
    databaseMigrationUrl: parsed.data.DATABASE_MIGRATION_URL,
    dataDir: path.resolve(parsed.data.RECDESK_DATA_DIR),
    auditKey: parsed.data.RECDESK_AUDIT_KEY,
  };
}

/**
 * Only the Live API credentials and endpoint, for tools such as `npm run callbacks:setup` that call Tencent and
 * need nothing else of the server's configuration. Both secrets are required: a tool has no demo mode.
 */
export function parseTencentConfig(env: Record<string, string | undefined>): RecDeskConfig["tencent"] & {
  secretId: string;
  secretKey: string;
} {
  const parsed = EnvSchema.pick({
    TENCENTCLOUD_SECRET_ID: true,
    TENCENTCLOUD_SECRET_KEY: true,
    TENCENTCLOUD_SESSION_TOKEN: true,
    TENCENTCLOUD_LIVE_ENDPOINT: true,
    TENCENTCLOUD_TIMEOUT_MS: true,
    TENCENTCLOUD_REGION: true,
  }).safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? "environment");
    throw new ConfigError(variable, describeIssue(issue, env[variable]));
  }
  const e = parsed.data;
  for (const name of ["TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY"] as const) {
    if (!e[name]) throw new ConfigError(name, "is missing: set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY");
  }
  return {
    secretId: e.TENCENTCLOUD_SECRET_ID!,
    secretKey: e.TENCENTCLOUD_SECRET_KEY!,
    sessionToken: e.TENCENTCLOUD_SESSION_TOKEN,
    endpoint: e.TENCENTCLOUD_LIVE_ENDPOINT.replace(/\/+$/, ""),
    timeoutMs: e.TENCENTCLOUD_TIMEOUT_MS,
    region: e.TENCENTCLOUD_REGION,
  };
}
