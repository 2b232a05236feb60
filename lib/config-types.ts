/** The one validated view of the environment that the rest of RecDesk reads (parsed by config-schema.ts). */
export interface RecDeskConfig {
  /**
   * No Tencent credentials, and either no DATABASE_URL or RECDESK_DEMO=1: a Live API simulator (a worker thread of the server)
   * stands in for Tencent Cloud and the demo accounts (published password) exist.
   */
  demoMode: boolean;
  tencent: {
    secretId?: string;
    secretKey?: string;
    sessionToken?: string;
    endpoint: string;
    timeoutMs: number;
    /** X-TC-Region for the RecordTask family (TENCENTCLOUD_REGION). */
    region: string;
  };
  /** Verifies Tencent's callbacks (lib/callbacks/key.ts); unset outside demo mode = the endpoint answers 404. */
  callbackKey?: string;
  databaseUrl?: string;
  /** The schema owner's URL: migrations run as it, the server as DATABASE_URL (lib/db/postgres.ts). */
  databaseMigrationUrl?: string;
  dataDir: string;
  /** Keys the audit chain (HMAC-SHA256); generated under dataDir in demo mode (lib/audit/key.ts). */
  auditKey?: string;
  /** How often the audit chain is verified on its own; 0 = never (lib/audit/schedule.ts). */
  auditVerifyIntervalMs: number;
  authSecret?: string;
  /** Single sign-on, enabled only when issuer, client id and client secret are all set. */
  oidc?: { issuer: string; clientId: string; clientSecret: string; roleClaim?: string };
  simulator: {
    port: number;
    control: boolean;
    streams: number;
    tasks: number;
    /** RecordTasks seeded in demo mode (RECDESK_SIMULATOR_RECORD_TASKS, default 24). */
    recordTasks: number;
    seed: number;
    latencyMs: number;
  };
  stopRateLimit: number;
  bulkMaxItems: number;
  /** Bulk Stops in flight at once; undefined = the worker's default (lib/bulk/worker.ts). */
  bulkConcurrency?: number;
  /** Reverse proxies in front of RecDesk that append to X-Forwarded-For (lib/auth/origin.ts). */
  trustedProxyHops: number;
  /** How long one sweep of the online-stream list serves every viewer (lib/streams/online-cache.ts). */
  streamsCacheTtlMs: number;
  /** At most one DescribeRecordTask sweep per this interval, across viewers and instances (lib/tasks/record-task-sweep.ts). */
  recordTasksTtlMs: number;
}
