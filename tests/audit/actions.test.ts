import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { AuthCheck } from "@/lib/auth/actor";
import type { Database, OpenDatabase } from "@/lib/db/types";
import { listAuditRecords } from "@/lib/audit/queries";
import { getAuditRecords } from "../helpers/audit-rows";
import { acquireLease, releaseLease } from "@/lib/bulk/lease";
import { VERIFY_LEASE } from "@/lib/audit/integrity";
import { drivers, openTestDb } from "../helpers/test-db";

// The permission gate and the process database are the two things a test swaps; everything after them is real.
const state = vi.hoisted(() => ({ check: null as unknown as AuthCheck, db: null as unknown as Database }));
vi.mock("@/lib/auth/require", () => ({ requirePermission: vi.fn(async () => state.check) }));
vi.mock("@/lib/db", () => ({ getDb: async () => state.db }));

const { verifyIntegrityAction } = await import("@/app/(console)/audit/actions");
const { GET: exportCsv } = await import("@/app/(console)/audit/export/route");

const origin = { clientIp: "192.0.2.7", userAgent: "vitest" };
const as = (role: "manager" | "admin" | "support"): AuthCheck =>
  role === "support"
    ? {
        ok: false,
        code: "Forbidden",
        message: "Your role (support) may not do this.",
        actor: { userId: "00000000-0000-4000-8000-0000000000a1", email: "support@recdesk.local", role: "support" },
        origin,
      }
    : {
        ok: true,
        actor: { userId: "00000000-0000-4000-8000-0000000000b2", email: `${role}@recdesk.local`, name: role, role },
        origin,
      };
const anonymous: AuthCheck = { ok: false, code: "Unauthenticated", message: "Sign in to continue.", origin };

async function newest() {
  return (await listAuditRecords(state.db, {}, {}, 1)).rows[0]!;
}

describe.each(drivers)("audit actions and routes on %s", (driver) => {
  let opened: OpenDatabase;
  beforeAll(async () => {
    opened = await openTestDb(driver);
    state.db = opened.db;
  });
  afterAll(() => opened?.close());

  it("verify: a manager gets the report and exactly one audit.verify record", async () => {
    state.check = as("manager");
    const result = await verifyIntegrityAction();
    expect(result).toMatchObject({ ok: true, report: { intact: true, checked: 0 } });
    const row = await newest();
    expect(row).toMatchObject({
      action: "audit.verify",
      outcome: "ok",
      actorEmail: "manager@recdesk.local",
      actorRole: "manager",
      clientIp: "192.0.2.7",
    });
    expect((await listAuditRecords(state.db, {}, {}, 10)).rows).toHaveLength(1);
  });

  it("verify: support is refused and the refusal is recorded", async () => {
    state.check = as("support");
    expect(await verifyIntegrityAction()).toEqual({
      ok: false,
      code: "Forbidden",
      message: "Your role (support) may not do this.",
    });
    expect(await newest()).toMatchObject({
      action: "audit.verify",
      outcome: "denied",
      errorCode: "Forbidden",
      actorEmail: "support@recdesk.local",
      actorRole: "support",
    });
    state.check = anonymous;
    expect(await verifyIntegrityAction()).toMatchObject({ ok: false, code: "Unauthenticated" });
    expect(await newest()).toMatchObject({
      action: "audit.verify",
      outcome: "denied",
      errorCode: "Unauthenticated",
      actorEmail: null,
    });
  });

  it("export: streams CSV for an admin and records the export with its row count", async () => {
    state.check = as("admin");
    const res = await exportCsv(new Request("http://localhost/audit/export?action=audit.verify"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="recdesk-audit-.*\.csv"$/);
    const lines = (await res.text()).trimEnd().split("\n");
    expect(lines).toHaveLength(4); // header + the three verify records above
    const [row] = await getAuditRecords(state.db, [(await newest()).id]);
    expect(row).toMatchObject({
      action: "audit.export",
      outcome: "ok",
      actorEmail: "admin@recdesk.local",
      details: { filters: { action: "audit.verify" } },
      outcomeDetails: { rows: 3 },
    });
  });

  it("export: a bad filter is a 400 with field errors and an invalid record; support gets a 403 and a denied record", async () => {
    state.check = as("admin");
    const bad = await exportCsv(new Request("http://localhost/audit/export?from=notadate&action=task.explode"));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      ok: false,
      code: "InvalidInput",
      fieldErrors: { from: [expect.any(String)], action: [expect.any(String)] },
    });
    const invalid = await newest();
    expect(invalid).toMatchObject({ action: "audit.export", outcome: "invalid", errorCode: "InvalidInput" });
    expect((await getAuditRecords(state.db, [invalid.id]))[0]!.outcomeDetails).toMatchObject({
      fieldErrors: { from: [expect.any(String)] },
    });

    state.check = as("support");
    const refused = await exportCsv(new Request("http://localhost/audit/export"));
    expect(refused.status).toBe(403);
    expect(await newest()).toMatchObject({
      action: "audit.export",
      outcome: "denied",
      errorCode: "Forbidden",
      actorEmail: "support@recdesk.local",
    });
    state.check = anonymous;
    expect((await exportCsv(new Request("http://localhost/audit/export"))).status).toBe(401);
  });

  it("verify: a second click while one runs (on any instance) gets 'already running', audited, never a stack trace", async () => {
    expect(await acquireLease(state.db, VERIFY_LEASE, "another-instance:42", 60_000)).toBe(true);
    state.check = as("manager");
    const result = await verifyIntegrityAction();
    expect(result).toMatchObject({
      ok: false,
      code: "RecDesk.VerifyRunning",
      message: expect.stringMatching(/^A verification of the audit log is already running\./),
    });
    expect(await newest()).toMatchObject({
      action: "audit.verify",
      outcome: "error",
      errorCode: "RecDesk.VerifyRunning",
      actorEmail: "manager@recdesk.local",
    });
    await releaseLease(state.db, VERIFY_LEASE, "another-instance:42");
    expect(await verifyIntegrityAction()).toMatchObject({
      ok: true,
      report: { intact: true, brokenCount: 0, broken: [] },
    });
  });
});
