import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { asc, sql } from "drizzle-orm";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { Client } from "pg";
import { afterAll, describe, expect, it } from "vitest";
import * as schema from "@/lib/db/schema";
import { auditRecords } from "@/lib/db/schema/audit";
import { MIGRATIONS_FOLDER } from "@/lib/db/migrations-folder";
import { openPostgres } from "@/lib/db/postgres";
import type { Database } from "@/lib/db/types";
import { loadAuditKey } from "@/lib/audit/key";
import { ensureKeyedChain, recordAudit } from "@/lib/audit/write";
import { finishAudit } from "@/lib/audit/finish";
import { verifyAuditChain } from "@/lib/audit/verify";
import { intentHash, outcomeHash } from "@/lib/audit/hash";
import { runAuditedVerify } from "@/lib/audit/integrity";
import { drivers, type Driver } from "../helpers/test-db";

/**
 * A trail written by the release before RECDESK_AUDIT_KEY (fixtures/release-chain.json: every row exactly as that
 * release's writer stored it, made by running its code), on the schema of that release (migrations up to
 * RELEASE_LAST_MIGRATION), then upgraded: the new migrations applied, the server started with a key.
 * The fixture was made with `git archive 8923da0 lib drizzle …` and a script calling that tree's recordAudit,
 * beginAudit(s), finishAudit(s) and runAuditedVerify on PGlite, then `select * from audit_records`.
 */
const RELEASE_LAST_MIGRATION = "0004_audit_reason_trigram";
const release = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures/release-chain.json"), "utf8")) as {
  rows: Record<string, unknown>[];
};
const KEY = "upgrade-test-key-upgrade-test-key-0123456789";

function releaseMigrationsFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recdesk-release-migrations-"));
  fs.cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
  const journalFile = path.join(dir, "meta/_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { idx: number; tag: string }[] };
  const last = journal.entries.findIndex((e) => e.tag === RELEASE_LAST_MIGRATION);
  expect(last).toBeGreaterThanOrEqual(0);
  for (const e of journal.entries.slice(last + 1)) fs.rmSync(path.join(dir, `${e.tag}.sql`));
  journal.entries = journal.entries.slice(0, last + 1);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

const restoreRows = sql`insert into audit_records select * from jsonb_populate_recordset(null::audit_records, ${JSON.stringify(release.rows)}::jsonb)`;
const restoreSequence = sql`select setval(pg_get_serial_sequence('audit_records', 'id'), (select max(id) from audit_records))`;

/** The release's database, then the upgrade: returns the upgraded handle. */
async function releaseDatabaseUpgraded(driver: Driver, cleanups: (() => Promise<void>)[]): Promise<Database> {
  const releaseFolder = releaseMigrationsFolder();
  cleanups.push(async () => fs.rmSync(releaseFolder, { recursive: true, force: true }));
  if (driver === "pglite") {
    const client = await PGlite.create("memory://", { extensions: { pg_trgm } });
    cleanups.push(() => client.close());
    const db = drizzlePglite({ client, schema });
    await migratePglite(db, { migrationsFolder: releaseFolder });
    await db.execute(restoreRows);
    await db.execute(restoreSequence);
    await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
    return db as unknown as Database;
  }
  const adminUrl = process.env.DATABASE_URL!;
  const name = `recdesk_release_${randomBytes(5).toString("hex")}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  const db = drizzlePg({ client, schema });
  await migratePg(db, { migrationsFolder: releaseFolder });
  await db.execute(restoreRows);
  await db.execute(restoreSequence);
  await client.end();
  const upgraded = await openPostgres(url.toString(), { max: 3 });
  cleanups.push(async () => {
    await upgraded.close();
    const dropper = new Client({ connectionString: adminUrl });
    await dropper.connect();
    await dropper.query(`drop database if exists ${name} with (force)`);
    await dropper.end();
  });
  return upgraded.db;
}

describe.each(drivers)("upgrading a trail written by the release before the key, on %s", (driver) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    loadAuditKey(undefined);
    for (const c of cleanups.reverse()) await c();
  });

  it("keeps every release record verifying under the old rule, keys the chain with one switch record, and keys what follows", async () => {
    loadAuditKey(undefined);
    const db = await releaseDatabaseUpgraded(driver, cleanups);
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true, checked: release.rows.length });

    // The first start with a key (lib/audit/startup.ts prepareAuditKey), then ordinary work.
    loadAuditKey(KEY);
    const switchId = (await ensureKeyedChain(db))!;
    expect(switchId).toBe(release.rows.length + 1);
    const pending = release.rows.find((r) => r.outcome === "pending")!;
    await finishAudit(db, Number(pending.id), { outcome: "unknown", errorCode: "RecDesk.AuditInterrupted" });
    await recordAudit(
      db,
      {
        actor: { email: "oncall@recdesk.local", role: "oncall" },
        action: "task.stop",
        reason: "after the upgrade",
        target: { taskId: "9" },
      },
      { outcome: "ok", requestId: "req-9" },
    );
    const verified = await runAuditedVerify(db, {
      actor: {
        userId: "7d3f1a52-4a1e-4d8e-9a57-0c0f5d1b2c3d",
        email: "manager@recdesk.local",
        name: "Mia",
        role: "manager",
      },
      origin: {},
    });
    expect(verified).toMatchObject({ intact: true, brokenCount: 0 });

    const rows = await db.select().from(auditRecords).orderBy(asc(auditRecords.id));
    expect(rows.find((r) => r.id === switchId)).toMatchObject({
      action: "audit.key",
      details: { rule: "hmac-sha256" },
    });
    for (const row of rows) {
      const key = row.id >= switchId ? KEY : undefined;
      expect(intentHash({ ...row, prevHash: row.prevHash! }, key)).toBe(row.hash);
      if (row.outcome !== "pending")
        expect(outcomeHash(row.hash!, { ...row, outcome: row.outcome, finishedAt: row.finishedAt! }, key)).toBe(
          row.outcomeHash,
        );
    }
    // The release's own rows are untouched by the upgrade.
    for (const r of release.rows.filter((x) => x.outcome !== "pending"))
      expect(rows.find((x) => x.id === Number(r.id))!.hash).toBe(r.hash);
  });
});
