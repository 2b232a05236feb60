import { AsyncLocalStorage } from "node:async_hooks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditRecords } from "@/lib/db/schema/audit";
import { users } from "@/lib/db/schema/users";
import type { Database, OpenDatabase } from "@/lib/db/types";
import { DEMO_PASSWORD } from "@/lib/auth/demo-password";
import { checkSessionToken } from "@/lib/auth/session-token";
import { changeRoleKeepingAnAdmin, setDisabledKeepingAnAdmin } from "@/lib/auth/user-changes";
import { createUser, endUserSessions, setUserPassword } from "@/lib/auth/users";
import { resetConfigForTests } from "@/lib/config";
import { drivers, openTestDb } from "../helpers/test-db";

// The request and the session cookie are stand-ins (one signed-in admin per async call, so two admins can act at
// the same moment); the database, the actions and every check are real.
const world = vi.hoisted(() => ({ db: undefined as unknown as Database }));
// Read by the mock factories below only when the actions module is imported, after this line has run.
const signedIn = new AsyncLocalStorage<string>();
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "198.51.100.30", "user-agent": "vitest" }),
}));
vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  revalidatePath: () => {},
}));
vi.mock("@/lib/auth/session", () => ({ sessionUserId: async () => signedIn.getStore() ?? null }));
vi.mock("@/lib/db", async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  getDb: async () => world.db,
}));
const { changeRoleAction, setUserDisabledAction } = await import("@/app/(console)/users/actions");

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

describe.each(drivers)("user changes on %s", (driver) => {
  let open: OpenDatabase;
  const saved = { ...process.env };
  beforeAll(async () => {
    open = await openTestDb(driver);
    world.db = open.db;
    // Outside demo mode (where the demo password matters).
    process.env = {
      ...saved,
      TENCENTCLOUD_SECRET_ID: "AKIDexample",
      TENCENTCLOUD_SECRET_KEY: "example-key",
      AUTH_SECRET: "p".repeat(40),
      RECDESK_AUDIT_KEY: "q".repeat(40),
      DATABASE_URL: "",
    };
    resetConfigForTests();
  });
  afterAll(async () => {
    process.env = saved;
    resetConfigForTests();
    await open?.close();
  });

  let n = 0;
  const person = (role: "support" | "admin" = "support", password = "a long password") =>
    createUser(open.db, { email: `${driver}-${role}-${++n}@example.com`, name: `Person ${n}`, role, password });
  const tokenOf = (u: { id: string; sessionVersion: number }) => ({ sub: u.id, sessionVersion: u.sessionVersion });

  it("a session cookie stops working after a password reset, a role change, disabling, or sign-out", async () => {
    const admin = await person("admin");
    for (const revoke of [
      (id: string) => setUserPassword(open.db, id, "another long password"),
      (id: string) => changeRoleKeepingAnAdmin(open.db, id, "oncall"),
      (id: string) => setDisabledKeepingAnAdmin(open.db, id, true),
      (id: string) => endUserSessions(open.db, id),
    ]) {
      const u = await person();
      const cookie = tokenOf(u);
      expect(await checkSessionToken(open.db, cookie)).toMatchObject({ state: "active", user: { id: u.id } });
      await revoke(u.id);
      expect(await checkSessionToken(open.db, cookie)).toEqual({ state: "revoked" });
      // A fresh sign-in gets the new version and works (unless the change itself refuses the account).
      const [row] = await open.db.select().from(users).where(eq(users.id, u.id));
      expect((await checkSessionToken(open.db, tokenOf(row!))).state).toBe(row!.disabled ? "refused" : "active");
    }
    // A cookie from before session versions existed is not honoured either; a forged subject is nobody.
    expect(await checkSessionToken(open.db, { sub: admin.id })).toEqual({ state: "revoked" });
    expect(await checkSessionToken(open.db, { sub: "not-a-uuid", sessionVersion: 0 })).toEqual({
      state: "refused",
      claimedUserId: undefined,
    });
  });

  it("two admins demoting each other at the same moment: exactly one succeeds, the other is refused clearly and audited", async () => {
    // Only these two are enabled admins.
    await open.db.update(users).set({ disabled: true }).where(eq(users.role, "admin"));
    const a = await person("admin");
    const b = await person("admin");
    let lastAdminRefusals = 0;
    // At least three rounds, and until the lock has decided one: on a loaded machine one admin's whole change can
    // land before the other's permission check runs (refused as Forbidden), a few rounds in a row.
    for (let round = 0; round < 3 || (lastAdminRefusals === 0 && round < 30); round++) {
      const results = await Promise.all([
        signedIn.run(a.id, () => changeRoleAction(null, form({ userId: b.id, role: "support" }))),
        signedIn.run(b.id, () => changeRoleAction(null, form({ userId: a.id, role: "support" }))),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const refused = results.find((r) => !r.ok)!;
      if (!refused.ok && refused.code === "LastAdmin") {
        lastAdminRefusals++;
        expect(refused.message).toMatch(
          /is the last enabled admin: RecDesk would have nobody to manage users\. Make another user admin first\. Nothing was changed\./,
        );
      } else {
        // Demoted before its own permission check ran: refused as a non-admin, which is just as safe.
        expect(refused).toMatchObject({ ok: false, code: "Forbidden" });
      }
      const admins = await open.db
        .select()
        .from(users)
        .where(and(eq(users.role, "admin"), eq(users.disabled, false)));
      expect(admins).toHaveLength(1);
      // Put the demoted one back for the next round.
      await open.db
        .update(users)
        .set({ role: "admin" })
        .where(eq(users.id, admins[0]!.id === a.id ? b.id : a.id));
    }
    // Both permission checks pass before either transaction runs, so the lock is what decides.
    expect(lastAdminRefusals).toBeGreaterThan(0);
    const denied = await open.db
      .select()
      .from(auditRecords)
      .where(and(eq(auditRecords.action, "user.update"), eq(auditRecords.errorCode, "LastAdmin")));
    expect(denied).toHaveLength(lastAdminRefusals);
    for (const r of denied) expect(r).toMatchObject({ outcome: "denied", details: { operation: "change-role" } });
  });

  it("the last enabled admin can be neither demoted nor disabled; with a second admin it can", async () => {
    await open.db.update(users).set({ disabled: true }).where(eq(users.role, "admin"));
    const last = await person("admin");
    expect(await changeRoleKeepingAnAdmin(open.db, last.id, "manager")).toMatchObject({
      ok: false,
      reason: "last-admin",
      target: { id: last.id },
    });
    expect(await setDisabledKeepingAnAdmin(open.db, last.id, true)).toMatchObject({ ok: false, reason: "last-admin" });
    const [unchanged] = await open.db.select().from(users).where(eq(users.id, last.id));
    expect(unchanged).toMatchObject({ role: "admin", disabled: false, sessionVersion: last.sessionVersion });
    await person("admin");
    expect(await setDisabledKeepingAnAdmin(open.db, last.id, true)).toMatchObject({
      ok: true,
      after: { disabled: true },
    });
  });

  it("a demo account disabled outside demo mode is enabled again only after a new password", async () => {
    await open.db.update(users).set({ disabled: true }).where(eq(users.role, "admin"));
    const admin = await person("admin");
    const demo = await person("support", DEMO_PASSWORD);
    await open.db.update(users).set({ disabled: true }).where(eq(users.id, demo.id));
    const refused = await signedIn.run(admin.id, () =>
      setUserDisabledAction(null, form({ userId: demo.id, disabled: "false" })),
    );
    expect(refused).toMatchObject({
      ok: false,
      code: "DemoPassword",
      message: `${demo.email} still has the published demo password. Reset its password first, then enable it.`,
    });
    const [audit] = await open.db
      .select()
      .from(auditRecords)
      .where(and(eq(auditRecords.errorCode, "DemoPassword"), eq(auditRecords.actorUserId, admin.id)));
    expect(audit).toMatchObject({ outcome: "invalid", action: "user.update" });
    await setUserPassword(open.db, demo.id, "a real new password");
    expect(
      await signedIn.run(admin.id, () => setUserDisabledAction(null, form({ userId: demo.id, disabled: "false" }))),
    ).toEqual({ ok: true });
  });
});
