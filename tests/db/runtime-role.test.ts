import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres } from "@/lib/db/postgres";
import type { OpenDatabase } from "@/lib/db/types";
import { beginAudit, recordAudit } from "@/lib/audit/write";
import { finishAudit } from "@/lib/audit/finish";
import { verifyAuditChain } from "@/lib/audit/verify";
import { loadAuditKey } from "@/lib/audit/key";
import { acquireLease } from "@/lib/bulk/lease";
import { drivers } from "../helpers/test-db";

const adminUrl = process.env.DATABASE_URL;

/**
 * DATABASE_MIGRATION_URL: the owner migrates, RecDesk serves as a role that can append to the audit trail and
 * finish an outcome once, but neither rewrite nor remove a record, nor disable the trigger that guards them.
 * The roles are made with the README's SQL (CREATE ROLE … LOGIN; CREATE DATABASE … OWNER).
 */
describe.runIf(adminUrl && drivers.includes("postgres"))(
  "the runtime role under DATABASE_MIGRATION_URL (Postgres)",
  () => {
    const suffix = randomBytes(4).toString("hex");
    const owner = `recdesk_owner_${suffix}`;
    const runtime = `recdesk_app_${suffix}`;
    const database = `recdesk_roles_${suffix}`;
    const urlAs = (role: string) => {
      const u = new URL(adminUrl!);
      u.username = role;
      u.password = "";
      u.pathname = `/${database}`;
      return u.toString();
    };
    const admin = async (statements: string[]) => {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      try {
        for (const s of statements) await c.query(s);
      } finally {
        await c.end();
      }
    };
    let app: OpenDatabase;

    beforeAll(async () => {
      await admin([
        `create role ${owner} login`,
        `create role ${runtime} login`,
        `create database ${database} owner ${owner}`,
      ]);
      loadAuditKey("runtime-role-test-key-runtime-role-test-key");
      app = await openPostgres(urlAs(runtime), { max: 2, migrationUrl: urlAs(owner) });
    });
    afterAll(async () => {
      loadAuditKey(undefined);
      await app?.close();
      await admin([
        `drop database if exists ${database} with (force)`,
        `drop role if exists ${runtime}`,
        `drop role if exists ${owner}`,
      ]);
    });

    const refusal = async (q: string) => {
      try {
        await app.db.execute(sql.raw(q));
      } catch (err) {
        const e = err as Error & { cause?: Error };
        return `${e.message} ${e.cause?.message ?? ""}`;
      }
      return "accepted";
    };

    it("runs RecDesk as the runtime role: appends, finishes an outcome once, uses the other tables", async () => {
      const who = await app.db.execute(
        sql`select current_user as role, (select tableowner from pg_tables where tablename = 'audit_records') as owner`,
      );
      expect(who.rows[0]).toEqual({ role: runtime, owner });
      const id = await beginAudit(app.db, {
        actor: { email: "oncall@recdesk.local" },
        action: "task.stop",
        target: { taskId: "7" },
      });
      await finishAudit(app.db, id, { outcome: "ok", requestId: "req-7" });
      await expect(finishAudit(app.db, id, { outcome: "error", errorCode: "Forged" })).rejects.toThrow(
        /already has its outcome/,
      );
      await recordAudit(
        app.db,
        { actor: {}, action: "auth.sign-in" },
        { outcome: "denied", errorCode: "WrongPassword" },
      );
      expect(await acquireLease(app.db, "bulk-stop", "worker-1", 15_000)).toBe(true);
      expect((await verifyAuditChain(app.db)).intact).toBe(true);
    });

    it("cannot UPDATE, DELETE or TRUNCATE audit records, nor disable their trigger, nor drop or replace the outcome function", async () => {
      expect(await refusal("update audit_records set reason = 'nothing to see'")).toMatch(/permission denied/);
      expect(await refusal("delete from audit_records")).toMatch(/permission denied/);
      expect(await refusal("truncate audit_records")).toMatch(/permission denied/);
      expect(await refusal("alter table audit_records disable trigger audit_records_append_only")).toMatch(
        /must be owner/,
      );
      expect(await refusal("alter table audit_records disable trigger all")).toMatch(/must be owner/);
      expect(await refusal("drop trigger audit_records_append_only on audit_records")).toMatch(/must be owner/);
      expect(
        await refusal(
          "create or replace function audit_finish(outcomes jsonb) returns setof bigint language sql as 'select 1::bigint'",
        ),
      ).toMatch(/must be owner|permission denied/);
      expect(
        await refusal(
          "create or replace function audit_records_append_only() returns trigger language plpgsql as 'begin return new; end'",
        ),
      ).toMatch(/must be owner|permission denied/);
      expect((await verifyAuditChain(app.db)).intact).toBe(true);
    });
  },
);
