import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { desc, eq } from "drizzle-orm";
import { auditRecords } from "@/lib/db/schema/audit";
import type { OpenDatabase } from "@/lib/db/types";
import { authenticateWithPassword, refusalMessage } from "@/lib/auth/sign-in";
import { signInFailures } from "@/lib/db/schema/users";
import { DEMO_PASSWORD } from "@/lib/auth/demo-password";
import { MAX_PASSWORD_LENGTH } from "@/lib/auth/password";
import { checkThrottle, slowdownFor, SLOWDOWN_MAX_MS, THROTTLE_LIMIT, THROTTLE_WINDOW_MS } from "@/lib/auth/throttle";
import { createUser } from "@/lib/auth/users";
import { changeRoleKeepingAnAdmin, setDisabledKeepingAnAdmin } from "@/lib/auth/user-changes";
import { drivers, openTestDb } from "../helpers/test-db";

describe.each(drivers)("password sign-in on %s", (driver) => {
  let open: OpenDatabase;
  beforeAll(async () => {
    open = await openTestDb(driver);
  });
  afterAll(async () => open?.close());

  let n = 0;
  async function user(role: "support" | null = "support") {
    const email = `person${++n}@example.com`;
    const u = await createUser(open.db, { email, name: `Person ${n}`, role, password: "a long password" });
    return u;
  }
  const origin = (ip: string) => ({ clientIp: ip, userAgent: "vitest" });
  const lastAudit = async () => (await open.db.select().from(auditRecords).orderBy(desc(auditRecords.id)).limit(1))[0]!;

  it("signs in with the right password and audits it", async () => {
    const u = await user();
    const result = await authenticateWithPassword(open.db, {
      email: ` ${u.email.toUpperCase()} `,
      password: "a long password",
      origin: origin("10.0.0.1"),
    });
    expect(result).toMatchObject({ ok: true, user: { id: u.id, role: "support" } });
    expect(await lastAudit()).toMatchObject({
      action: "auth.sign-in",
      outcome: "ok",
      actorUserId: u.id,
      actorEmail: u.email,
      clientIp: "10.0.0.1",
    });
  });

  it("refuses a wrong password and an unknown account with the same words, and audits both as denied", async () => {
    const u = await user();
    const wrong = await authenticateWithPassword(open.db, {
      email: u.email,
      password: "not the password",
      origin: origin("10.0.0.2"),
    });
    const afterWrong = await lastAudit();
    const unknown = await authenticateWithPassword(open.db, {
      email: "nobody@example.com",
      password: "whatever",
      origin: origin("10.0.0.2"),
    });
    const afterUnknown = await lastAudit();
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
    expect(afterWrong).toMatchObject({
      action: "auth.sign-in",
      outcome: "denied",
      errorCode: "InvalidCredentials",
      actorEmail: u.email,
    });
    expect(afterUnknown).toMatchObject({
      action: "auth.sign-in",
      outcome: "denied",
      errorCode: "InvalidCredentials",
      actorEmail: "nobody@example.com",
    });
    expect(afterUnknown.id).toBe(afterWrong.id + 1);
    expect(JSON.stringify([afterWrong, afterUnknown])).not.toContain("not the password");
    expect(JSON.stringify(afterUnknown)).not.toContain("whatever");
  });

  it("closes the door for an account from one address after 5 failures in a minute, and says when to retry", async () => {
    const u = await user();
    const t0 = new Date("2030-01-01T00:00:00Z");
    for (let i = 0; i < THROTTLE_LIMIT; i++) {
      const at = new Date(t0.getTime() + i * 1000);
      expect(
        await authenticateWithPassword(open.db, { email: u.email, password: "wrong", origin: origin("10.1.0.1") }, at),
      ).toMatchObject({ reason: "invalid" });
    }
    const now = new Date(t0.getTime() + 10_000);
    const refused = await authenticateWithPassword(
      open.db,
      { email: u.email, password: "a long password", origin: origin("10.1.0.1") },
      now,
    );
    // The first failure (t0) leaves the window at t0 + 60 s: 50 s from "now".
    expect(refused).toMatchObject({
      ok: false,
      reason: "throttled",
      retryAfterSeconds: 50,
      retryAt: new Date(t0.getTime() + THROTTLE_WINDOW_MS),
    });
    expect(refusalMessage(refused as never, now)).toBe(
      "Too many failed sign-ins for this account or from this address. Try again in 50 s (at 00:01:00 UTC).",
    );
    expect(await lastAudit()).toMatchObject({ outcome: "denied", errorCode: "Throttled" });

    const later = new Date(t0.getTime() + THROTTLE_WINDOW_MS + 1);
    expect(
      await authenticateWithPassword(
        open.db,
        { email: u.email, password: "a long password", origin: origin("10.1.0.1") },
        later,
      ),
    ).toMatchObject({ ok: true });
  });

  it("one address hammering wrong passwords for oncall@… cannot lock the real on-call engineer out from another address", async () => {
    const oncall = await createUser(open.db, {
      email: "oncall@hammered.example",
      name: "Olive",
      role: "oncall",
      password: "a long password",
    });
    const t0 = new Date("2030-01-02T00:00:00Z");
    const hammer = [];
    for (let i = 0; i < 12; i++) {
      hammer.push(
        await authenticateWithPassword(
          open.db,
          { email: oncall.email, password: `guess ${i}`, origin: origin("203.0.113.66") },
          new Date(t0.getTime() + i * 100),
        ),
      );
    }
    expect(hammer.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(THROTTLE_LIMIT);
    expect(hammer.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(12 - THROTTLE_LIMIT);
    // The hammering address is shut out for this account, even with the right password...
    expect(
      await authenticateWithPassword(
        open.db,
        { email: oncall.email, password: "a long password", origin: origin("203.0.113.66") },
        new Date(t0.getTime() + 2_000),
      ),
    ).toMatchObject({ reason: "throttled" });
    // ...while the engineer, from their own address, signs in at once.
    // At most the bounded slow-down: its audit record says how long it waited (a wall-clock bound would fail on a
    // busy machine).
    expect(
      await authenticateWithPassword(
        open.db,
        { email: oncall.email, password: "a long password", origin: origin("198.51.100.7") },
        new Date(t0.getTime() + 2_000),
      ),
    ).toMatchObject({ ok: true, user: { id: oncall.id } });
    const signedIn = await lastAudit();
    expect(signedIn).toMatchObject({ outcome: "ok", details: { method: "password" } });
    expect((signedIn.details as { slowedDownMs?: number }).slowedDownMs ?? 0).toBeLessThanOrEqual(SLOWDOWN_MAX_MS);
  });

  it("failures for one account from many addresses slow it down (bounded), never refuse it", async () => {
    const u = await user();
    const t0 = new Date("2030-01-03T00:00:00Z");
    const slowdowns: unknown[] = [];
    for (let i = 0; i < 12; i++) {
      expect(
        await authenticateWithPassword(
          open.db,
          { email: u.email, password: "wrong", origin: origin(`10.2.0.${i}`) },
          new Date(t0.getTime() + i),
        ),
      ).toMatchObject({ reason: "invalid" });
      slowdowns.push(((await lastAudit()).details as { slowedDownMs?: number }).slowedDownMs);
    }
    // No wait for the first 5; then 250 ms more per failure, capped at 2 s.
    expect(slowdowns).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      250,
      500,
      750,
      1000,
      1250,
      1500,
      1750,
    ]);
    expect([5, 6, 12, 13, 40].map(slowdownFor)).toEqual([250, 500, 2000, 2000, 2000]);
    const started = performance.now();
    expect(
      await authenticateWithPassword(
        open.db,
        { email: u.email, password: "a long password", origin: origin("10.2.1.1") },
        new Date(t0.getTime() + 20),
      ),
    ).toMatchObject({ ok: true });
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(SLOWDOWN_MAX_MS - 5);
    expect(await lastAudit()).toMatchObject({
      outcome: "ok",
      details: { method: "password", slowedDownMs: SLOWDOWN_MAX_MS },
    });
    // The success forgave the slow-down: the next sign-in is not slowed (its audit record says so).
    expect(
      await authenticateWithPassword(
        open.db,
        { email: u.email, password: "a long password", origin: origin("10.2.1.1") },
        new Date(t0.getTime() + 30),
      ),
    ).toMatchObject({ ok: true });
    expect(await lastAudit()).toMatchObject({ outcome: "ok", details: { method: "password" } });
    expect((await lastAudit()).details).not.toHaveProperty("slowedDownMs");
  });

  it("lets no more than 5 of a burst of parallel guesses from one address reach the password check", async () => {
    const u = await user();
    const at = new Date("2030-02-01T00:00:00Z");
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        authenticateWithPassword(open.db, { email: u.email, password: `guess ${i}`, origin: origin("10.4.0.1") }, at),
      ),
    );
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(THROTTLE_LIMIT);
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(12 - THROTTLE_LIMIT);
    // Even the right password from that address now waits for the window, and a throttled attempt left no
    // failure behind it.
    expect(
      await authenticateWithPassword(
        open.db,
        { email: u.email, password: "a long password", origin: origin("10.4.0.1") },
        at,
      ),
    ).toMatchObject({ reason: "throttled" });
    expect(
      await checkThrottle(
        open.db,
        { email: u.email, clientIp: "10.4.0.1" },
        new Date(at.getTime() + THROTTLE_WINDOW_MS + 1),
      ),
    ).toEqual({ limited: false });
  });

  it("throttles an address that guesses many accounts, and a success does not clear the address", async () => {
    const t0 = new Date("2030-02-01T00:00:00Z");
    for (let i = 0; i < THROTTLE_LIMIT; i++) {
      await authenticateWithPassword(
        open.db,
        { email: `guess${i}@example.com`, password: "x", origin: origin("192.0.2.7") },
        new Date(t0.getTime() + i),
      );
    }
    const u = await user();
    const result = await authenticateWithPassword(
      open.db,
      { email: u.email, password: "a long password", origin: origin("192.0.2.7") },
      new Date(t0.getTime() + 100),
    );
    expect(result).toMatchObject({ ok: false, reason: "throttled" });
    expect(
      await checkThrottle(open.db, { email: u.email, clientIp: "192.0.2.7" }, new Date(t0.getTime() + 100)),
    ).toMatchObject({ limited: true, scope: "address" });
    // Another address is not affected.
    expect(
      await authenticateWithPassword(
        open.db,
        { email: u.email, password: "a long password", origin: origin("192.0.2.8") },
        new Date(t0.getTime() + 100),
      ),
    ).toMatchObject({ ok: true });
  });

  it("forgives an account's earlier typos after a successful sign-in", async () => {
    const u = await user();
    const t0 = new Date("2030-03-01T00:00:00Z");
    const wrong = (ip: string) =>
      authenticateWithPassword(open.db, { email: u.email, password: "not the password", origin: origin(ip) }, t0);
    for (let i = 0; i < THROTTLE_LIMIT - 1; i++)
      expect(await wrong(`10.3.0.${i}`)).toMatchObject({ reason: "invalid" });
    expect(
      await authenticateWithPassword(
        open.db,
        { email: u.email, password: "a long password", origin: origin("10.3.1.1") },
        t0,
      ),
    ).toMatchObject({ ok: true });
    expect(await wrong("10.3.1.2")).toMatchObject({ reason: "invalid" });
    expect(await checkThrottle(open.db, { email: u.email }, t0)).toEqual({ limited: false });
  });

  it("refuses a disabled account and one without a role, but only after the right password", async () => {
    const disabled = await user();
    expect(await setDisabledKeepingAnAdmin(open.db, disabled.id, true)).toMatchObject({ ok: true });
    expect(
      await authenticateWithPassword(open.db, {
        email: disabled.email,
        password: "a long password",
        origin: origin("10.4.0.1"),
      }),
    ).toEqual({ ok: false, reason: "disabled" });
    expect(
      await authenticateWithPassword(open.db, { email: disabled.email, password: "wrong", origin: origin("10.4.0.1") }),
    ).toEqual({ ok: false, reason: "invalid" });
    const roleless = await user(null);
    expect(
      await authenticateWithPassword(open.db, {
        email: roleless.email,
        password: "a long password",
        origin: origin("10.4.0.2"),
      }),
    ).toEqual({ ok: false, reason: "no-role" });
    expect(await changeRoleKeepingAnAdmin(open.db, roleless.id, "manager")).toMatchObject({ ok: true });
    expect(
      await authenticateWithPassword(open.db, {
        email: roleless.email,
        password: "a long password",
        origin: origin("10.4.0.2"),
      }),
    ).toMatchObject({ ok: true });
    const denied = await open.db.select().from(auditRecords).where(eq(auditRecords.actorUserId, disabled.id));
    expect(denied.map((r) => r.errorCode)).toEqual(["Disabled", "InvalidCredentials"]);
  });

  it("refuses the published demo password outside demo mode, at sign-in, even on an enabled account", async () => {
    const u = await createUser(open.db, {
      email: `demo${++n}@example.com`,
      name: "Demo",
      role: "admin",
      password: DEMO_PASSWORD,
    });
    const outside = await authenticateWithPassword(
      open.db,
      { email: u.email, password: DEMO_PASSWORD, origin: origin("10.6.0.1") },
      new Date(),
      { demoMode: false },
    );
    expect(outside).toEqual({ ok: false, reason: "demo-password" });
    expect(refusalMessage(outside as never)).toMatch(
      /published demo password.*Ask a RecDesk admin to set a new password/,
    );
    expect(await lastAudit()).toMatchObject({
      action: "auth.sign-in",
      outcome: "denied",
      errorCode: "DemoPassword",
      actorUserId: u.id,
    });
    // No option given means demo mode is off: the safe default.
    expect(
      await authenticateWithPassword(open.db, { email: u.email, password: DEMO_PASSWORD, origin: origin("10.6.0.1") }),
    ).toEqual({ ok: false, reason: "demo-password" });
    expect(
      await authenticateWithPassword(
        open.db,
        { email: u.email, password: DEMO_PASSWORD, origin: origin("10.6.0.1") },
        new Date(),
        { demoMode: true },
      ),
    ).toMatchObject({ ok: true });
  });

  it("refuses an over-long password before any throttle write or scrypt work, with a clear message", async () => {
    const u = await user();
    const before = (await open.db.select().from(signInFailures)).length;
    const started = performance.now();
    const result = await authenticateWithPassword(open.db, {
      email: u.email,
      password: "x".repeat(MAX_PASSWORD_LENGTH + 1),
      origin: origin("10.7.0.1"),
    });
    expect(result).toEqual({ ok: false, reason: "too-long" });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect((await open.db.select().from(signInFailures)).length).toBe(before);
    expect(refusalMessage(result as never)).toBe(
      `That password is too long: passwords have at most ${MAX_PASSWORD_LENGTH} characters.`,
    );
    expect(await lastAudit()).toMatchObject({ outcome: "invalid", errorCode: "PasswordTooLong", actorEmail: u.email });
    // Exactly at the cap it is an ordinary (wrong) password.
    expect(
      await authenticateWithPassword(open.db, {
        email: u.email,
        password: "x".repeat(MAX_PASSWORD_LENGTH),
        origin: origin("10.7.0.1"),
      }),
    ).toEqual({ ok: false, reason: "invalid" });
  });
});
