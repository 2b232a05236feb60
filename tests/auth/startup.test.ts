import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { auditRecords } from "@/lib/db/schema/audit";
import { users } from "@/lib/db/schema/users";
import { hashPassword } from "@/lib/auth/password";
import type { Database, OpenDatabase } from "@/lib/db/types";
import { resetConfigForTests } from "@/lib/config";
import { getLogger, type Logger } from "@/lib/observability/logger";
import { openTestDb } from "../helpers/test-db";

const holder = vi.hoisted(() => ({ db: undefined as unknown as Database }));
vi.mock("@/lib/db", () => ({ getDb: async () => holder.db }));
const { prepareAuth } = await import("@/lib/auth/startup");

describe("auth start-up step", () => {
  let open: OpenDatabase;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "recdesk-auth-startup-"));
  const saved = { ...process.env };
  beforeAll(async () => {
    open = await openTestDb("pglite");
    holder.db = open.db;
  });
  afterAll(async () => {
    process.env = saved;
    resetConfigForTests();
    fs.rmSync(dataDir, { recursive: true, force: true });
    await open?.close();
  });

  function env(vars: Record<string, string>) {
    process.env = {
      ...saved,
      RECDESK_DATA_DIR: dataDir,
      TENCENTCLOUD_SECRET_ID: "",
      TENCENTCLOUD_SECRET_KEY: "",
      AUTH_SECRET: "",
      DATABASE_URL: "",
      ...vars,
    };
    resetConfigForTests();
  }

  it("creates no account outside demo mode, and writes no key file there", async () => {
    env({
      TENCENTCLOUD_SECRET_ID: "AKIDexample",
      TENCENTCLOUD_SECRET_KEY: "example-key",
      AUTH_SECRET: "p".repeat(40),
      RECDESK_AUDIT_KEY: "a".repeat(40),
    });
    await prepareAuth();
    expect(await open.db.select().from(users)).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, "auth-secret"))).toBe(false);
  });

  it("in demo mode creates the four demo accounts and the session key, and is idempotent", async () => {
    env({});
    await prepareAuth();
    await prepareAuth();
    expect((await open.db.select({ email: users.email }).from(users)).map((u) => u.email).sort()).toEqual([
      "admin@recdesk.local",
      "manager@recdesk.local",
      "oncall@recdesk.local",
      "support@recdesk.local",
    ]);
    expect(fs.existsSync(path.join(dataDir, "auth-secret"))).toBe(true);
  });

  it("leaving demo mode disables every demo account that still has the demo password, and audits it", async () => {
    env({});
    await prepareAuth();
    // An admin gave one demo account a real password before going live: that one stays usable.
    await open.db
      .update(users)
      .set({ passwordHash: await hashPassword("a real, long password") })
      .where(eq(users.email, "admin@recdesk.local"));
    env({
      TENCENTCLOUD_SECRET_ID: "AKIDexample",
      TENCENTCLOUD_SECRET_KEY: "example-key",
      AUTH_SECRET: "p".repeat(40),
      RECDESK_AUDIT_KEY: "a".repeat(40),
    });
    // The process logger's warn line (lib/observability/logger.ts), not console.
    const line = { warn: vi.fn() };
    const child = vi.spyOn(getLogger(), "child").mockReturnValue(line as unknown as ReturnType<Logger["child"]>);
    await prepareAuth();
    await prepareAuth(); // idempotent: nothing more to disable, nothing more audited
    const rows = await open.db
      .select({ email: users.email, disabled: users.disabled })
      .from(users)
      .orderBy(users.email);
    expect(rows).toEqual([
      { email: "admin@recdesk.local", disabled: false },
      { email: "manager@recdesk.local", disabled: true },
      { email: "oncall@recdesk.local", disabled: true },
      { email: "support@recdesk.local", disabled: true },
    ]);
    const audit = await open.db.select().from(auditRecords).where(eq(auditRecords.action, "user.update"));
    expect(
      audit.map((a) => [a.actorEmail, a.outcome, (a.details as { targetEmail: string }).targetEmail]).sort(),
    ).toEqual([
      ["system:start-up", "ok", "manager@recdesk.local"],
      ["system:start-up", "ok", "oncall@recdesk.local"],
      ["system:start-up", "ok", "support@recdesk.local"],
    ]);
    expect(line.warn).toHaveBeenCalledTimes(1);
    child.mockRestore();
  });
});
