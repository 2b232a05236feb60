import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/observability/logger";
import { logActionOutcome } from "@/lib/observability/action-log";
import { logRefusedCallback } from "@/lib/observability/callback-log";
import { observeLiveEvent } from "@/lib/observability/live-events";
import { observabilitySettings } from "@/lib/observability/settings";

// One JSON object per line, secrets never in one: the logger as the server configures it, writing into memory.

function capture(env: Record<string, string | undefined> = {}) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  const log = createLogger(sink, { ...process.env, LOG_LEVEL: "info", ...env });
  return { log, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const SECRET_KEY = "tencent-secret-key-do-not-log-0123456789";
const AUTH_SECRET = "auth-secret-do-not-log-0123456789abcdef";

describe("the logger", () => {
  it("writes one JSON object per line with level, time, component and message", () => {
    const { log, parsed } = capture();
    log.child({ component: "startup" }).info({ event: "startup.ready" }, "RecDesk ready");
    expect(parsed()).toEqual([
      expect.objectContaining({
        level: "info",
        component: "startup",
        event: "startup.ready",
        msg: "RecDesk ready",
        time: expect.any(String),
      }),
    ]);
  });

  it("honours LOG_LEVEL (default info)", () => {
    const quiet = capture({ LOG_LEVEL: "warn" });
    quiet.log.info("not shown");
    quiet.log.warn("shown");
    expect(quiet.parsed().map((l) => l.msg)).toEqual(["shown"]);
    const normal = capture({ LOG_LEVEL: undefined });
    normal.log.debug("not shown");
    normal.log.info("shown");
    expect(normal.parsed().map((l) => l.msg)).toEqual(["shown"]);
  });

  it("redacts passwords, secrets, Authorization and Cookie headers, TC3 signatures and secret values in text", () => {
    const { log, lines } = capture({ TENCENTCLOUD_SECRET_KEY: SECRET_KEY, AUTH_SECRET });
    log.info({ password: "hunter2-password", user: { password: "nested-password", email: "a@b.c" } }, "sign-in");
    log.info(
      {
        headers: {
          authorization: "TC3-HMAC-SHA256 Credential=AKIDx/2026-12-03/live/tc3_request",
          cookie: "authjs.session-token=abc",
        },
        req: { headers: { Authorization: "Bearer abc.def", Cookie: "x=1" } },
        secretKey: SECRET_KEY,
      },
      "request",
    );
    log.warn(
      `upstream said: Authorization: TC3-HMAC-SHA256 Credential=AKIDx, SignedHeaders=content-type;host, Signature=${"ab".repeat(32)} and ${SECRET_KEY}`,
    );
    log.error({ err: new Error(`failed with ${AUTH_SECRET}`) }, "boom");
    const all = lines.join("\n");
    for (const secret of [
      "hunter2-password",
      "nested-password",
      "authjs.session-token=abc",
      "Bearer abc.def",
      SECRET_KEY,
      AUTH_SECRET,
      "ab".repeat(32),
    ])
      expect(all).not.toContain(secret);
    expect(all).toContain("[redacted]");
    expect(all).toContain("a@b.c"); // not a secret: only secret fields go
  });

  it("a bad LOG_LEVEL or LOG_FORMAT stops start-up with one line; the logger itself falls back to the defaults", () => {
    expect(() => observabilitySettings({ LOG_LEVEL: "loud" })).toThrow(/^RecDesk configuration error: LOG_LEVEL /);
    expect(() => observabilitySettings({ LOG_FORMAT: "xml" })).toThrow(/LOG_FORMAT/);
    expect(() => observabilitySettings({ RECDESK_METRICS_TOKEN: "short" })).toThrow(
      /^RecDesk configuration error: RECDESK_METRICS_TOKEN must be at least 16 characters \(try: openssl rand -hex 24\)$/,
    );
    expect(observabilitySettings({ LOG_LEVEL: "loud" }, true).LOG_LEVEL).toBe("info");
    expect(observabilitySettings({}).RECDESK_SHUTDOWN_GRACE_MS).toBe(10_000);
  });
});

describe("what gets a line", () => {
  it("an upstream call (action, code, RequestId, latency, attempt), an action outcome, a refused callback", () => {
    // The process logger (on globalThis) swapped for one writing into memory, as every bundle would share it.
    const { log, parsed: read } = capture();
    const key = Symbol.for("recdesk.observability.logger");
    const g = globalThis as Record<symbol, unknown>;
    const previous = g[key];
    g[key] = log;
    try {
      observeLiveEvent({
        type: "answer",
        action: "StopLiveRecord",
        attempt: 1,
        code: "ok",
        requestId: "req-1",
        latencyMs: 42,
      });
      logActionOutcome({
        actorId: "u-1",
        action: "task.stop",
        outcome: "ok",
        requestId: "req-1",
        via: "action",
        durationMs: 50,
      });
      logRefusedCallback({ reason: "bad-sign", eventType: 100, clientIp: "203.0.113.9" });
    } finally {
      g[key] = previous;
    }
    const parsed = read();
    expect(parsed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          event: "live.call",
          action: "StopLiveRecord",
          code: "ok",
          requestId: "req-1",
          latencyMs: 42,
          attempt: 1,
        }),
        expect.objectContaining({
          event: "action.outcome",
          actorId: "u-1",
          action: "task.stop",
          outcome: "ok",
          requestId: "req-1",
        }),
        expect.objectContaining({ event: "callback.refused", reason: "bad-sign", eventType: "100", level: "warn" }),
      ]),
    );
  });
});
