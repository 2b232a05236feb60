import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Database, OpenDatabase } from "@/lib/db/types";
import { createUser } from "@/lib/auth/users";
import { changeRoleKeepingAnAdmin, setDisabledKeepingAnAdmin } from "@/lib/auth/user-changes";
import { openTestDb } from "../helpers/test-db";

// Only the request context and the session cookie are stood in for; the database is real.
const state = vi.hoisted(() => ({
  userId: null as string | null,
  db: undefined as unknown as Database,
  dbFails: false,
  // The client wrote the first entry (it may be forged); the one proxy in front (the default) appended the second.
  headers: new Headers({ "x-forwarded-for": "10.0.0.1, 203.0.113.9", "user-agent": "vitest-agent" }),
}));
vi.mock("next/headers", () => ({ headers: async () => state.headers }));
vi.mock("@/lib/auth/session", () => ({ sessionUserId: async () => state.userId }));
vi.mock("@/lib/db", () => ({
  getDb: async () => {
    if (state.dbFails) throw new Error("connection refused");
    return state.db;
  },
}));

const { requirePermission, currentActor, requestOrigin } = await import("@/lib/auth/require");

describe("requirePermission (database-backed, fails closed)", () => {
  let open: OpenDatabase;
  beforeAll(async () => {
    open = await openTestDb("pglite");
    state.db = open.db;
  });
  afterAll(async () => open?.close());
  beforeEach(() => {
    state.userId = null;
    state.dbFails = false;
  });

  let n = 0;
  const newUser = (role: "support" | "oncall" | "manager" | "admin" | null) =>
    createUser(open.db, { email: `req${++n}@example.com`, name: `Req ${n}`, role, password: "a long password" });

  it("refuses an anonymous request as Unauthenticated, with the request's origin", async () => {
    expect(await requirePermission("streams:view")).toEqual({
      ok: false,
      code: "Unauthenticated",
      message: "Sign in to continue.",
      origin: { clientIp: "203.0.113.9", userAgent: "vitest-agent" },
    });
    expect(await currentActor()).toBeNull();
    expect(await requestOrigin()).toEqual({ clientIp: "203.0.113.9", userAgent: "vitest-agent" });
  });

  it("lets a role do what it may, and refuses what it may not as Forbidden, naming who tried", async () => {
    const u = await newUser("manager");
    state.userId = u.id;
    expect(await requirePermission("audit:export")).toMatchObject({
      ok: true,
      actor: { userId: u.id, email: u.email, role: "manager" },
    });
    expect(await requirePermission("task:stop")).toMatchObject({
      ok: false,
      code: "Forbidden",
      actor: { userId: u.id, role: "manager" },
    });
    expect(await currentActor()).toEqual({ userId: u.id, email: u.email, name: u.name, role: "manager" });
  });

  it("reads the user on every call: a role change or a disabled account takes effect on the next request", async () => {
    const u = await newUser("oncall");
    state.userId = u.id;
    expect(await requirePermission("task:bulk-stop")).toMatchObject({ ok: true });
    expect(await changeRoleKeepingAnAdmin(open.db, u.id, "support")).toMatchObject({ ok: true });
    expect(await requirePermission("task:bulk-stop")).toMatchObject({ ok: false, code: "Forbidden" });
    expect(await setDisabledKeepingAnAdmin(open.db, u.id, true)).toMatchObject({ ok: true });
    // Refused, but the refusal still names who tried (for its audit record).
    expect(await requirePermission("streams:view")).toMatchObject({
      ok: false,
      code: "Unauthenticated",
      actor: { userId: u.id, email: u.email },
    });
    expect(await currentActor()).toBeNull();
  });

  it("refuses a user without a role as Forbidden, and a session for a user that no longer exists (or a forged id)", async () => {
    const u = await newUser(null);
    state.userId = u.id;
    expect(await requirePermission("streams:view")).toMatchObject({
      ok: false,
      code: "Forbidden",
      message: expect.stringContaining("no role"),
    });
    expect(await currentActor()).toBeNull();
    state.userId = "00000000-0000-4000-8000-000000000000";
    expect(await requirePermission("streams:view")).toMatchObject({ ok: false, code: "Unauthenticated" });
    state.userId = "' or 1=1 --";
    expect(await requirePermission("streams:view")).toMatchObject({ ok: false, code: "Unauthenticated" });
  });

  it("fails closed when the database cannot be reached", async () => {
    const u = await newUser("admin");
    state.userId = u.id;
    state.dbFails = true;
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await requirePermission("users:manage")).toMatchObject({ ok: false, code: "Forbidden" });
    expect(await currentActor()).toBeNull();
    spy.mockRestore();
  });
});
