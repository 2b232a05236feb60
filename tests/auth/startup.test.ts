import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { users } from "@/lib/db/schema/users";
import type { Database, OpenDatabase } from "@/lib/db/types";
import { resetConfigForTests } from "@/lib/config";
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
    process.env = { ...saved, RECDESK_DATA_DIR: dataDir, TENCENTCLOUD_SECRET_ID: "", TENCENTCLOUD_SECRET_KEY: "", AUTH_SECRET: "", ...vars };
    resetConfigForTests();
  }

  it("creates no account outside demo mode, and writes no key file there", async () => {
    env({ TENCENTCLOUD_SECRET_ID: "AKIDexample", TENCENTCLOUD_SECRET_KEY: "example-key", AUTH_SECRET: "p".repeat(40) });
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
});
