import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "@/lib/db/schema/users";
import type { OpenDatabase } from "@/lib/db/types";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, ensureDemoAccounts } from "@/lib/auth/demo-accounts";
import { provisionOidcUser, roleFromClaim } from "@/lib/auth/oidc";
import { verifyPassword } from "@/lib/auth/password";
import { resolveAuthSecret } from "@/lib/auth/secret";
import { createUser, setUserPassword } from "@/lib/auth/users";
import { parseConfig } from "@/lib/config-schema";
import { drivers, openTestDb } from "../helpers/test-db";

describe.each(drivers)("accounts on %s", (driver) => {
  let open: OpenDatabase;
  beforeAll(async () => {
    open = await openTestDb(driver);
  });
  afterAll(async () => open?.close());

  it("creates the four demo accounts once; a restart keeps an admin's later changes", async () => {
    expect(await ensureDemoAccounts(open.db)).toBe(4);
    const rows = await open.db.select().from(users);
    expect(rows.map((r) => [r.email, r.role]).sort()).toEqual(DEMO_ACCOUNTS.map((a) => [a.email, a.role]).sort());
    for (const r of rows) expect(await verifyPassword(DEMO_PASSWORD, r.passwordHash)).toBe(true);
    const support = rows.find((r) => r.role === "support")!;
    await setUserPassword(open.db, support.id, "changed by an admin");
    expect(await ensureDemoAccounts(open.db)).toBe(0);
    const [after] = await open.db.select().from(users).where(eq(users.id, support.id));
    expect(await verifyPassword("changed by an admin", after!.passwordHash)).toBe(true);
  });

  it("creates a first-time SSO user with no role, then finds the same user by subject", async () => {
    const first = await provisionOidcUser(open.db, {
      subject: "sub-1",
      email: "New.Person@Example.com",
      name: "New Person",
      claims: {},
    });
    expect(first).toMatchObject({
      ok: true,
      created: true,
      user: { email: "new.person@example.com", role: null, passwordHash: null },
    });
    const again = await provisionOidcUser(open.db, { subject: "sub-1", email: "changed@example.com", claims: {} });
    expect(again).toMatchObject({ ok: true, created: false, user: { email: "new.person@example.com" } });
  });

  it("takes the role from the configured claim on first sign-in, ignoring values that are not roles", async () => {
    expect(roleFromClaim({ groups: ["staff", "oncall"] }, "groups")).toBe("oncall");
    expect(roleFromClaim({ recdesk_role: "root" }, "recdesk_role")).toBeNull();
    expect(roleFromClaim({ recdesk_role: "admin" }, undefined)).toBeNull();
    const p = await provisionOidcUser(
      open.db,
      { subject: "sub-2", email: "mgr@example.com", claims: { recdesk_role: "manager" } },
      "recdesk_role",
    );
    expect(p).toMatchObject({ ok: true, user: { role: "manager" } });
  });

  it("links an existing account only when the provider vouches for the email", async () => {
    await createUser(open.db, {
      email: "linked@example.com",
      name: "Linked",
      role: "support",
      password: "a long password",
    });
    expect(
      await provisionOidcUser(open.db, {
        subject: "sub-3",
        email: "linked@example.com",
        emailVerified: false,
        claims: {},
      }),
    ).toEqual({ ok: false, reason: "email-taken" });
    expect(
      await provisionOidcUser(open.db, {
        subject: "sub-3",
        email: "linked@example.com",
        emailVerified: true,
        claims: {},
      }),
    ).toMatchObject({ ok: true, created: false, user: { role: "support", oidcSubject: "sub-3" } });
    expect(await provisionOidcUser(open.db, { subject: "sub-4", claims: {} })).toEqual({
      ok: false,
      reason: "no-email",
    });
  });
});

describe("session key", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recdesk-secret-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("in demo mode without AUTH_SECRET, generates one key, keeps it private and reuses it after a restart", () => {
    const first = resolveAuthSecret({ demoMode: true, dataDir: dir });
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(resolveAuthSecret({ demoMode: true, dataDir: dir })).toBe(first);
    expect(fs.statSync(path.join(dir, "auth-secret")).mode & 0o077).toBe(0);
  });

  it("uses AUTH_SECRET when set, and refuses to run without one outside demo mode", () => {
    expect(resolveAuthSecret({ demoMode: false, dataDir: dir, authSecret: "x".repeat(40) })).toBe("x".repeat(40));
    expect(() => resolveAuthSecret({ demoMode: false, dataDir: dir })).toThrow(/AUTH_SECRET/);
  });
});

describe("single sign-on configuration", () => {
  it("is off unless issuer, client id and secret are all set, and a partial set is a clear error", () => {
    expect(parseConfig({}).oidc).toBeUndefined();
    expect(
      parseConfig({
        AUTH_OIDC_ISSUER: "https://id.example.com",
        AUTH_OIDC_CLIENT_ID: "recdesk",
        AUTH_OIDC_CLIENT_SECRET: "s3cret",
        AUTH_OIDC_ROLE_CLAIM: "recdesk_role",
      }).oidc,
    ).toEqual({
      issuer: "https://id.example.com",
      clientId: "recdesk",
      clientSecret: "s3cret",
      roleClaim: "recdesk_role",
    });
    expect(() => parseConfig({ AUTH_OIDC_ISSUER: "https://id.example.com" })).toThrow(/AUTH_OIDC_CLIENT_ID is missing/);
    expect(() =>
      parseConfig({ AUTH_OIDC_ISSUER: "not a url", AUTH_OIDC_CLIENT_ID: "a", AUTH_OIDC_CLIENT_SECRET: "b" }),
    ).toThrow(/AUTH_OIDC_ISSUER/);
  });
});
