import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Client } from "pg";
import { eq } from "drizzle-orm";
import { openPglite } from "@/lib/db/pglite";
import { users } from "@/lib/db/schema/users";
import { auditRecords } from "@/lib/db/schema/audit";
import { verifyPassword } from "@/lib/auth/password";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "recdesk-user-add-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function userAdd(args: string[], stdin: string, databaseUrl = "") {
  // What `npm run user:add` runs, without npm/npx start-up in front of every call.
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", "scripts/user-add.ts", ...args],
    {
      cwd: process.cwd(),
      input: stdin,
      encoding: "utf8",
      env: { ...process.env, RECDESK_DATA_DIR: dataDir, DATABASE_URL: databaseUrl, http_proxy: "" },
      timeout: 120_000,
    },
  );
  return { code: result.status, out: result.stdout, err: result.stderr.replace(/^npm warn.*\n/gm, "") };
}

describe("npm run user:add", () => {
  it("refuses a bad role, a bad email or a short password before touching the database", () => {
    const badRole = userAdd(["--email", "ops@example.com", "--role", "root"], "a long password\n");
    expect(badRole.code).toBe(2);
    expect(badRole.err).toContain("--role: Choose one of: support, oncall, manager, admin");
    expect(userAdd(["--email", "not-an-email", "--role", "admin"], "a long password\n").err).toContain(
      "--email: Enter an email address",
    );
    const short = userAdd(["--email", "ops@example.com", "--role", "admin"], "short\n");
    expect(short.code).toBe(2);
    expect(short.err).toContain("Password: Use at least 12 characters; nothing was created.");
    expect(fs.existsSync(path.join(dataDir, "pglite"))).toBe(false);
  });

  it("creates a user from a password on stdin, audits it, and refuses a duplicate", async () => {
    const created = userAdd(
      ["--email", "Ops@Example.com", "--role", "admin", "--name", "Ops Lead"],
      "a long password\n",
    );
    expect(created.err).toBe("");
    expect(created.code).toBe(0);
    expect(created.out).toContain("Created ops@example.com with role admin");
    expect(created.out + created.err).not.toContain("a long password");
    const duplicate = userAdd(["--email", "ops@example.com", "--role", "support"], "another long password\n");
    expect(duplicate.code).toBe(1);
    expect(duplicate.err).toContain("already exists");

    const open = await openPglite(dataDir);
    try {
      const [row] = await open.db.select().from(users).where(eq(users.email, "ops@example.com"));
      expect(row).toMatchObject({ name: "Ops Lead", role: "admin", disabled: false });
      expect(await verifyPassword("a long password", row!.passwordHash)).toBe(true);
      const audit = await open.db.select().from(auditRecords).where(eq(auditRecords.action, "user.create"));
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ outcome: "ok", actorEmail: expect.stringMatching(/^cli:/) });
    } finally {
      await open.close();
    }
  });
});

describe.runIf(Boolean(process.env.DATABASE_URL))("npm run user:add against DATABASE_URL", () => {
  it("creates the user in that Postgres database", async () => {
    const admin = process.env.DATABASE_URL!;
    const name = `recdesk_useradd_${process.pid}`;
    const c = new Client({ connectionString: admin });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.query(`create database ${name}`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    try {
      const created = userAdd(["--email", "pg@example.com", "--role", "oncall"], "a long password\n", url.toString());
      expect(created.code).toBe(0);
      const check = new Client({ connectionString: url.toString() });
      await check.connect();
      const { rows } = await check.query("select role from users where email = 'pg@example.com'");
      await check.end();
      expect(rows).toEqual([{ role: "oncall" }]);
    } finally {
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    }
  });
});
