import { createHash } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "@/lib/db/types";
import { auditRecords } from "@/lib/db/schema/audit";
import { beginAudit, ensureKeyedChain, recordAudit } from "@/lib/audit/write";
import { finishAudit } from "@/lib/audit/finish";
import { verifyAuditChain } from "@/lib/audit/verify";
import { canonicalJson, intentHash, outcomeHash } from "@/lib/audit/hash";
import { loadAuditKey } from "@/lib/audit/key";
import { AuditKeyError, KEY_SWITCH_ACTION } from "@/lib/audit/keying";
import { runAuditedVerify, VERIFY_LEASE, VerifyAlreadyRunningError } from "@/lib/audit/integrity";
import { runScheduledVerify, scheduleAuditVerify, SCHEDULE_ACTOR } from "@/lib/audit/schedule";
import { acquireLease, releaseLease } from "@/lib/bulk/lease";
import { drivers, openTestDb } from "../helpers/test-db";

const KEY = "test-audit-key-test-audit-key-0123456789";
const oncall = { email: "oncall@recdesk.local", role: "oncall" };
const manager = {
  actor: {
    userId: "7d3f1a52-4a1e-4d8e-9a57-0c0f5d1b2c3d",
    email: "manager@recdesk.local",
    name: "Mia",
    role: "manager" as const,
  },
  origin: { clientIp: "192.0.2.1" },
};

describe.each(drivers)("keyed audit chain on %s", (driver) => {
  let opened: OpenDatabase;
  beforeAll(async () => {
    loadAuditKey(undefined);
    opened = await openTestDb(driver);
  });
  afterAll(async () => {
    loadAuditKey(undefined);
    await opened?.close();
  });
  const exec = (q: string) => opened.db.execute(sql.raw(q));
  const withoutTrigger = async (q: string) => {
    await exec("alter table audit_records disable trigger audit_records_append_only");
    try {
      await exec(q);
    } finally {
      await exec("alter table audit_records enable trigger audit_records_append_only");
    }
  };
  const rows = () => opened.db.select().from(auditRecords).orderBy(asc(auditRecords.id));

  let switchId: number;
  let pendingBefore: number;

  it("upgrades a chain written without a key: old records keep the old rule, the switch is a record, new ones are HMACs", async () => {
    const { db } = opened;
    // The release before the key: plain SHA-256 records, one of them still pending across the upgrade.
    await recordAudit(
      db,
      { actor: oncall, action: "task.stop", reason: "before the key", target: { streamName: "cam-1", taskId: "1" } },
      { outcome: "ok", requestId: "r-1" },
    );
    pendingBefore = await beginAudit(db, {
      actor: oncall,
      action: "task.stop",
      reason: "in flight at the upgrade",
      target: { taskId: "2" },
    });
    await recordAudit(
      db,
      { actor: {}, action: "auth.sign-in", details: { method: "password" } },
      { outcome: "denied", errorCode: "WrongPassword" },
    );
    expect((await verifyAuditChain(db)).intact).toBe(true);

    loadAuditKey(KEY);
    switchId = (await ensureKeyedChain(db))!;
    expect(await ensureKeyedChain(db)).toBe(switchId); // once per database
    await recordAudit(
      db,
      { actor: oncall, action: "task.stop", reason: "after the key", target: { taskId: "3" } },
      { outcome: "ok", requestId: "r-3" },
    );
    await finishAudit(db, pendingBefore, { outcome: "ok", requestId: "r-2" });

    const all = await rows();
    const sw = all.find((r) => r.id === switchId)!;
    expect(sw).toMatchObject({
      action: KEY_SWITCH_ACTION,
      outcome: "ok",
      details: { rule: "hmac-sha256", keyFingerprint: expect.stringMatching(/^[0-9a-f]{16}$/) },
    });
    expect(all.filter((r) => r.action === KEY_SWITCH_ACTION)).toHaveLength(1);
    for (const row of all) {
      const keyed = row.id >= switchId;
      expect(intentHash({ ...row, prevHash: row.prevHash! }, keyed ? KEY : undefined)).toBe(row.hash);
      if (keyed) expect(intentHash({ ...row, prevHash: row.prevHash! })).not.toBe(row.hash);
      if (row.outcome !== "pending")
        expect(
          outcomeHash(
            row.hash!,
            { ...row, outcome: row.outcome, finishedAt: row.finishedAt! },
            keyed ? KEY : undefined,
          ),
        ).toBe(row.outcomeHash);
    }
    expect((await verifyAuditChain(db)).intact).toBe(true);
  });

  it("a rewrite by someone without the key does not verify, even with every later hash recomputed", async () => {
    const all = await rows();
    const victim = all.find((r) => r.id > switchId && r.action === "task.stop")!;
    // The forger edits the reason and re-chains everything from there with plain SHA-256, as the old rule allowed.
    let prevHash = all.find((r) => r.id === victim.id - 1)!.hash!;
    const sha = (t: string) => createHash("sha256").update(t).digest("hex");
    for (const row of all.filter((r) => r.id >= victim.id)) {
      const forged = { ...row, reason: row.id === victim.id ? "nothing to see" : row.reason, prevHash };
      const hash = sha(
        canonicalJson({
          id: forged.id,
          at: forged.at,
          actorUserId: forged.actorUserId,
          actorEmail: forged.actorEmail,
          actorRole: forged.actorRole,
          action: forged.action,
          domainName: forged.domainName,
          appName: forged.appName,
          streamName: forged.streamName,
          taskId: forged.taskId,
          jobId: forged.jobId,
          reason: forged.reason,
          clientIp: forged.clientIp,
          userAgent: forged.userAgent,
          details: forged.details,
          prevHash,
        }),
      );
      await withoutTrigger(
        `update audit_records set reason = ${forged.reason === null ? "null" : `'${forged.reason}'`}, prev_hash = '${prevHash}', hash = '${hash}' where id = ${row.id}`,
      );
      prevHash = hash;
    }
    const report = await verifyAuditChain(opened.db);
    expect(report.intact).toBe(false);
    expect(report.firstBroken).toEqual({ id: victim.id, problem: expect.stringMatching(/intent was changed/) });
    // Put it back, so the rest of the file starts from an intact chain.
    for (const row of all.filter((r) => r.id >= victim.id)) {
      await withoutTrigger(
        `update audit_records set reason = ${row.reason === null ? "null" : `'${row.reason}'`}, prev_hash = '${row.prevHash}', hash = '${row.hash}' where id = ${row.id}`,
      );
    }
    expect((await verifyAuditChain(opened.db)).intact).toBe(true);
  });

  it("names a missing or wrong key instead of calling every keyed record forged", async () => {
    loadAuditKey(undefined);
    await expect(verifyAuditChain(opened.db)).rejects.toMatchObject({
      code: "RecDesk.AuditKeyMissing",
      message: expect.stringMatching(/RECDESK_AUDIT_KEY/),
    });
    await expect(
      recordAudit(opened.db, { actor: oncall, action: "task.stop" }, { outcome: "ok" }),
    ).rejects.toBeInstanceOf(AuditKeyError);
    loadAuditKey("another-key-another-key-another-key-0123");
    await expect(verifyAuditChain(opened.db)).rejects.toMatchObject({ code: "RecDesk.AuditKeyMismatch" });
    await expect(
      recordAudit(opened.db, { actor: oncall, action: "task.stop" }, { outcome: "ok" }),
    ).rejects.toMatchObject({ code: "RecDesk.AuditKeyMismatch" });
    loadAuditKey(KEY);
    expect((await verifyAuditChain(opened.db)).intact).toBe(true);
  });

  it("reports every broken record — how many and the first ids — and keeps going past each", async () => {
    const all = await rows();
    const victims = all.filter((r) => r.outcome === "ok").slice(0, 3);
    for (const v of victims)
      await withoutTrigger(`update audit_records set reason = 'edited ${v.id}' where id = ${v.id}`);
    const report = await verifyAuditChain(opened.db, { batchSize: 2 });
    expect(report.intact).toBe(false);
    expect(report.brokenCount).toBe(3);
    expect(report.broken.map((b) => b.id)).toEqual(victims.map((v) => v.id));
    expect(report.firstBroken!.id).toBe(victims[0]!.id);
    expect(report.checked).toBe(all.length);
    const verified = await runAuditedVerify(opened.db, manager);
    const [record] = await opened.db.select().from(auditRecords).where(eq(auditRecords.id, verified.auditId));
    expect(record!.errorMessage).toMatch(
      new RegExp(`^3 records do not verify \\(#${victims[0]!.id}, #${victims[1]!.id}, #${victims[2]!.id}\\)`),
    );
    for (const v of victims)
      await withoutTrigger(
        `update audit_records set reason = ${v.reason === null ? "null" : `'${v.reason}'`} where id = ${v.id}`,
      );
    expect((await verifyAuditChain(opened.db)).intact).toBe(true);
  });

  it("runs one verification at a time across instances; a second request is refused with 'already running' and audited", async () => {
    expect(await acquireLease(opened.db, VERIFY_LEASE, "other-instance:1", 60_000)).toBe(true);
    await expect(runAuditedVerify(opened.db, manager)).rejects.toBeInstanceOf(VerifyAlreadyRunningError);
    const [refused] = await opened.db
      .select()
      .from(auditRecords)
      .where(eq(auditRecords.action, "audit.verify"))
      .orderBy(sql`id desc`)
      .limit(1);
    expect(refused).toMatchObject({
      outcome: "error",
      errorCode: "RecDesk.VerifyRunning",
      actorEmail: "manager@recdesk.local",
    });
    await releaseLease(opened.db, VERIFY_LEASE, "other-instance:1");

    expect((await runAuditedVerify(opened.db, manager)).intact).toBe(true);
    // Each verification gives the lease back, so the next one runs.
    expect((await runAuditedVerify(opened.db, manager)).intact).toBe(true);
  });

  it("the scheduled verification writes the head hash to the server log and shares the one-at-a-time guard", async () => {
    const lines: string[] = [];
    const log = { info: (m: string) => lines.push(`info ${m}`), error: (m: string) => lines.push(`error ${m}`) };
    await runScheduledVerify(opened.db, log);
    expect(lines[0]).toMatch(
      /^info RecDesk audit verify: intact, \d+ records in \d+ ms; head #\d+ [0-9a-f]{64} \(verification record #\d+\)$/,
    );
    const [rec] = await opened.db
      .select()
      .from(auditRecords)
      .where(eq(auditRecords.action, "audit.verify"))
      .orderBy(sql`id desc`)
      .limit(1);
    expect(rec).toMatchObject({ actorEmail: SCHEDULE_ACTOR, outcome: "ok" });
    expect(lines[0]).toContain((rec!.outcomeDetails as { headHash: string }).headHash);

    await acquireLease(opened.db, VERIFY_LEASE, "other-instance:2", 60_000);
    await runScheduledVerify(opened.db, log);
    expect(lines[1]).toBe("info RecDesk audit verify: skipped, another verification is running");
    await releaseLease(opened.db, VERIFY_LEASE, "other-instance:2");

    // Another instance verified on schedule a moment ago: this one skips its turn.
    await runScheduledVerify(opened.db, log, 3_600_000);
    expect(lines[2]).toMatch(
      /^info RecDesk audit verify: skipped, verification record #\d+ \(another instance\) is less than an interval old$/,
    );

    await new Promise((r) => setTimeout(r, 1_200)); // the last scheduled record is now older than 0.9 of a second
    const stop = scheduleAuditVerify(opened.db, 1_000, log);
    await new Promise((r) => setTimeout(r, 1_800));
    stop();
    expect(lines.slice(3).some((l) => /head #\d+ [0-9a-f]{64}/.test(l))).toBe(true);
  });
});
