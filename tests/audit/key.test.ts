import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { auditKeyFingerprint, resolveAuditKey } from "@/lib/audit/key";

describe("the audit chain's key", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "recdesk-audit-key-"));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("in demo mode is generated once under the data directory, private, and reused after a restart", () => {
    expect(resolveAuditKey({ demoMode: true, dataDir }, { create: false })).toBeUndefined();
    const first = resolveAuditKey({ demoMode: true, dataDir })!;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(fs.statSync(path.join(dataDir, "audit-key")).mode & 0o777).toBe(0o600);
    expect(resolveAuditKey({ demoMode: true, dataDir })).toBe(first);
    expect(resolveAuditKey({ demoMode: true, dataDir }, { create: false })).toBe(first);
  });

  it("is RECDESK_AUDIT_KEY when set, and required outside demo mode", () => {
    expect(resolveAuditKey({ auditKey: "k".repeat(32), demoMode: false, dataDir })).toBe("k".repeat(32));
    expect(() => resolveAuditKey({ demoMode: false, dataDir })).toThrow(/^RECDESK_AUDIT_KEY is missing/);
  });

  it("is identified by a fingerprint that does not reveal it", () => {
    expect(auditKeyFingerprint("k".repeat(32))).toMatch(/^[0-9a-f]{16}$/);
    expect(auditKeyFingerprint("k".repeat(32))).not.toBe(auditKeyFingerprint("j".repeat(32)));
  });
});
