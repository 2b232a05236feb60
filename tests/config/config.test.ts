import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config-schema";

describe("configuration", () => {
  it("runs in demo mode with an empty environment", () => {
    const c = parseConfig({});
    expect(c.demoMode).toBe(true);
    expect(c.tencent.endpoint).toBe("https://live.tencentcloudapi.com");
    expect(c.tencent.timeoutMs).toBe(10_000);
    expect(c.dataDir).toMatch(/\.data$/);
    expect(c.stopRateLimit).toBe(200);
    expect(c.bulkMaxItems).toBe(5_000);
    expect(c.bulkConcurrency).toBeUndefined();
  });

  it("uses real mode when both credentials and an AUTH_SECRET are set, blank values counting as unset", () => {
    const c = parseConfig({
      TENCENTCLOUD_SECRET_ID: "AKIDx",
      TENCENTCLOUD_SECRET_KEY: "key",
      TENCENTCLOUD_SESSION_TOKEN: "",
      TENCENTCLOUD_LIVE_ENDPOINT: "https://live.intl.tencentcloudapi.com/",
      AUTH_SECRET: "x".repeat(32),
      RECDESK_AUDIT_KEY: "k".repeat(32),
      DATABASE_URL: "",
    });
    expect(c.demoMode).toBe(false);
    expect(c.tencent.endpoint).toBe("https://live.intl.tencentcloudapi.com");
    expect(c.tencent.sessionToken).toBeUndefined();
    expect(c.databaseUrl).toBeUndefined();
    expect(c.auditKey).toBe("k".repeat(32));
    expect(c.auditVerifyIntervalMs).toBe(3_600_000);
  });

  it("reads the audit verification interval as 1h, 30m, 90s or milliseconds, and 0 or off as never", () => {
    const ms = (v: string) => parseConfig({ RECDESK_AUDIT_VERIFY_INTERVAL: v }).auditVerifyIntervalMs;
    expect(ms("1h")).toBe(3_600_000);
    expect(ms("30m")).toBe(1_800_000);
    expect(ms("90s")).toBe(90_000);
    expect(ms("600000")).toBe(600_000);
    expect(ms("off")).toBe(0);
    expect(ms("0")).toBe(0);
    expect(ms("")).toBe(3_600_000);
  });

  it("takes DATABASE_MIGRATION_URL next to DATABASE_URL", () => {
    const c = parseConfig({
      DATABASE_URL: "postgres://app@db/recdesk",
      DATABASE_MIGRATION_URL: "postgres://owner@db/recdesk",
      RECDESK_DEMO: "1",
    });
    expect(c.databaseMigrationUrl).toBe("postgres://owner@db/recdesk");
  });

  it("runs the demo on a database server only when RECDESK_DEMO=1 asks for it", () => {
    const url = "postgres://recdesk@127.0.0.1:5432/recdesk";
    expect(parseConfig({ DATABASE_URL: url, RECDESK_DEMO: "1" })).toMatchObject({ demoMode: true, databaseUrl: url });
    expect(parseConfig({ DATABASE_URL: "", RECDESK_DEMO: "" }).demoMode).toBe(true);
    // Credentials win: RECDESK_DEMO does not turn a real deployment into a demo.
    expect(
      parseConfig({
        DATABASE_URL: url,
        RECDESK_DEMO: "1",
        TENCENTCLOUD_SECRET_ID: "a",
        TENCENTCLOUD_SECRET_KEY: "k",
        AUTH_SECRET: "x".repeat(32),
        RECDESK_AUDIT_KEY: "a".repeat(32),
      }).demoMode,
    ).toBe(false);
  });

  it.each([{}, { RECDESK_DEMO: "0" }, { RECDESK_DEMO: "" }])(
    "refuses to start with no credentials and a DATABASE_URL (%j), naming both ways out",
    (extra) => {
      let error: unknown;
      try {
        parseConfig({ DATABASE_URL: "postgres://recdesk:secret@db.internal:5432/recdesk", ...extra });
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toMatch(/^RecDesk configuration error: TENCENTCLOUD_SECRET_ID .*RECDESK_DEMO=1/);
      expect(message).not.toContain("\n");
      expect(message).not.toContain("secret@");
    },
  );

  it("takes a fixed bulk concurrency, 0 meaning automatic", () => {
    expect(parseConfig({ RECDESK_BULK_CONCURRENCY: "4" }).bulkConcurrency).toBe(4);
    expect(parseConfig({ RECDESK_BULK_CONCURRENCY: "0" }).bulkConcurrency).toBeUndefined();
  });

  it("sends the RecordTask family to ap-guangzhou unless TENCENTCLOUD_REGION names another documented region", () => {
    expect(parseConfig({}).tencent.region).toBe("ap-guangzhou");
    expect(parseConfig({ TENCENTCLOUD_REGION: " " }).tencent.region).toBe("ap-guangzhou");
    expect(parseConfig({ TENCENTCLOUD_REGION: "ap-singapore" }).tencent.region).toBe("ap-singapore");
    expect(parseConfig({}).recordTasksTtlMs).toBe(30_000);
    expect(parseConfig({ RECDESK_RECORD_TASKS_TTL_MS: "5000" }).recordTasksTtlMs).toBe(5_000);
  });

  it.each([
    [{ TENCENTCLOUD_REGION: "ap-nowhere" }, "TENCENTCLOUD_REGION"],
    [{ TENCENTCLOUD_REGION: "AP-GUANGZHOU" }, "TENCENTCLOUD_REGION"],
    [{ RECDESK_RECORD_TASKS_TTL_MS: "10" }, "RECDESK_RECORD_TASKS_TTL_MS"],
    [{ TENCENTCLOUD_SECRET_ID: "AKIDx" }, "TENCENTCLOUD_SECRET_KEY"],
    [{ TENCENTCLOUD_SECRET_KEY: "k" }, "TENCENTCLOUD_SECRET_ID"],
    [{ TENCENTCLOUD_SECRET_ID: "a", TENCENTCLOUD_SECRET_KEY: "k" }, "AUTH_SECRET"],
    [{ TENCENTCLOUD_SECRET_ID: "a", TENCENTCLOUD_SECRET_KEY: "k", AUTH_SECRET: "s".repeat(32) }, "RECDESK_AUDIT_KEY"],
    [{ RECDESK_AUDIT_KEY: "short" }, "RECDESK_AUDIT_KEY"],
    [{ RECDESK_AUDIT_VERIFY_INTERVAL: "hourly" }, "RECDESK_AUDIT_VERIFY_INTERVAL"],
    [{ RECDESK_AUDIT_VERIFY_INTERVAL: "10ms" }, "RECDESK_AUDIT_VERIFY_INTERVAL"],
    [{ DATABASE_MIGRATION_URL: "postgres://owner@db/recdesk" }, "DATABASE_MIGRATION_URL"],
    [{ DATABASE_URL: "postgres://app@db/x", DATABASE_MIGRATION_URL: "mysql://owner@db/x" }, "DATABASE_MIGRATION_URL"],
    [{ TENCENTCLOUD_LIVE_ENDPOINT: "live.tencentcloudapi.com" }, "TENCENTCLOUD_LIVE_ENDPOINT"],
    [{ TENCENTCLOUD_LIVE_ENDPOINT: "ftp://x" }, "TENCENTCLOUD_LIVE_ENDPOINT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ AUTH_SECRET: "short" }, "AUTH_SECRET"],
    [{ TENCENTCLOUD_TIMEOUT_MS: "soon" }, "TENCENTCLOUD_TIMEOUT_MS"],
    [{ RECDESK_STOP_RATE_LIMIT: "500" }, "RECDESK_STOP_RATE_LIMIT"],
    [{ RECDESK_BULK_CONCURRENCY: "-1" }, "RECDESK_BULK_CONCURRENCY"],
    [{ RECDESK_SIMULATOR_CONTROL: "maybe" }, "RECDESK_SIMULATOR_CONTROL"],
    [{ RECDESK_DEMO: "perhaps" }, "RECDESK_DEMO"],
    [{ TENCENTCLOUD_SESSION_TOKEN: "t" }, "TENCENTCLOUD_SESSION_TOKEN"],
  ])("names the bad variable in %j", (env, variable) => {
    let error: unknown;
    try {
      parseConfig(env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message).toMatch(new RegExp(`^RecDesk configuration error: ${variable} `));
    expect((error as ConfigError).message).not.toContain("\n");
  });

  it("never echoes a secret's value", () => {
    expect(() => parseConfig({ RECDESK_AUDIT_KEY: "hunter2" })).toThrow(/^((?!hunter2).)*$/);
    expect(() => parseConfig({ AUTH_SECRET: "hunter2" })).toThrow(/AUTH_SECRET/);
    try {
      parseConfig({ AUTH_SECRET: "hunter2" });
    } catch (err) {
      expect((err as Error).message).not.toContain("hunter2");
    }
  });
});
