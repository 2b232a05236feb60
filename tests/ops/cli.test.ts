import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit";
import { loadAuditKey } from "@/lib/audit/key";
import { ensureKeyedChain } from "@/lib/audit/write";
import { openPglite } from "@/lib/db/pglite";

// `npm run db:backup` and `npm run audit:verify` as cron runs them: real processes on a real PGlite directory.

const root = path.resolve(import.meta.dirname, "../..");
const AUDIT_KEY = "cli-test-audit-key-0123456789abcdefghij";

function npmRun(script: string, args: string[], env: Record<string, string>) {
  const r = spawnSync("npm", ["run", "--silent", script, "--", ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: "", RECDESK_AUDIT_KEY: AUDIT_KEY, ...env },
    encoding: "utf8",
    timeout: 120_000,
  });
  return {
    code: r.status,
    stdout: r.stdout,
    stderr: r.stderr
      .split("\n")
      .filter((l) => !l.startsWith("npm warn"))
      .join("\n"),
  };
}

describe("command-line backup and audit verification (PGlite)", () => {
  let dir: string;
  let headHash: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "recdesk-cli-"));
    const open = await openPglite(dir);
    loadAuditKey(AUDIT_KEY);
    await ensureKeyedChain(open.db);
    for (const reason of ["first", "second", "third"])
      await recordAudit(
        open.db,
        { actor: { email: "ops@example.com" }, action: "task.stop", reason },
        { outcome: "ok" },
      );
    const head = await open.db.execute<{ hash: string }>(sql`select hash from audit_records order by id desc limit 1`);
    headHash = head.rows[0]!.hash;
    await open.close();
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("audit:verify prints the head hash and exits 0 on an intact chain", () => {
    const r = npmRun("audit:verify", [], { RECDESK_DATA_DIR: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("intact: 4 records");
    expect(r.stdout).toContain(headHash);
  });

  it("db:backup writes a consistent dump that opens as the same database", async () => {
    const out = path.join(dir, "backups", "recdesk.tar.gz");
    const r = npmRun("db:backup", ["--out", out], { RECDESK_DATA_DIR: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`to ${out}`);
    const restored = await openPglite(undefined, { loadDataDir: new Blob([readFileSync(out)]) });
    try {
      const rows = await restored.db.execute<{ reason: string | null }>(
        sql`select reason from audit_records order by id`,
      );
      expect(rows.rows.map((x) => x.reason)).toEqual([null, "first", "second", "third"]);
    } finally {
      await restored.close();
    }
  });

  it("db:backup refuses clearly while a server holds the directory, and writes nothing", async () => {
    const server = await openPglite(dir);
    try {
      const out = path.join(dir, "held.tar.gz");
      const r = npmRun("db:backup", ["--out", out], { RECDESK_DATA_DIR: dir });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`The embedded database in ${dir} is in use by another RecDesk process`);
      expect(existsSync(out)).toBe(false);
      expect(existsSync(`${out}.partial`)).toBe(false);
    } finally {
      await server.close();
    }
  });

  it("db:backup on Postgres points at pg_dump instead", () => {
    const r = npmRun("db:backup", ["--out", path.join(dir, "pg.tar.gz")], {
      DATABASE_URL: "postgres://recdesk@127.0.0.1:1/recdesk",
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("pg_dump");
  });

  it("audit:verify exits 1 and names the record when one was edited", async () => {
    const open = await openPglite(dir);
    try {
      await open.db.execute(sql`alter table audit_records disable trigger audit_records_append_only`);
      await open.db.execute(sql`update audit_records set reason = 'nothing to see' where reason = 'second'`);
      await open.db.execute(sql`alter table audit_records enable trigger audit_records_append_only`);
    } finally {
      await open.close();
    }
    const r = npmRun("audit:verify", [], { RECDESK_DATA_DIR: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/BROKEN: 1 record do not verify \(#3\)/);
  });
});
