import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "@/lib/db/types";
import { beginAudit, beginAudits, recordAudit } from "@/lib/audit/write";
import { AuditAlreadyFinishedError, finishAudit, finishAudits } from "@/lib/audit/finish";
import { getAuditRecords } from "../helpers/audit-rows";
import { verifyAuditChain } from "@/lib/audit/verify";
import { markInterruptedIntents, INTERRUPTED_CODE } from "@/lib/audit/recovery";
import { GENESIS_HASH, outcomeHash } from "@/lib/audit/hash";
import { runAuditedVerify } from "@/lib/audit/integrity";
import { drivers, openTestDb } from "../helpers/test-db";

const manager = { userId: "7d3f1a52-4a1e-4d8e-9a57-0c0f5d1b2c3d", email: "manager@recdesk.local", role: "manager" };

describe.each(drivers)("audit chain on %s", (driver) => {
  let opened: OpenDatabase;
  beforeAll(async () => {
    opened = await openTestDb(driver);
  });
  afterAll(() => opened?.close());

  // Raw SQL as someone with the application's database credentials would run it.
  const exec = (q: string) => opened.db.execute(sql.raw(q));
  const refusal = async (q: string) => {
    try {
      await exec(q);
    } catch (err) {
      const e = err as Error & { cause?: Error };
      return `${e.message} ${e.cause?.message ?? ""}`;
    }
    return "accepted";
  };

  it("writes the intent before the upstream call and its outcome after, chained", async () => {
    const { db } = opened;
    const id = await beginAudit(db, {
      actor: { userId: "0a8f3b1c-1111-4222-8333-944455556666", email: "oncall@recdesk.local", role: "oncall" },
      action: "task.stop",
      target: { domainName: "push.example.com", appName: "live", streamName: "cam-7", taskId: "18446744073709551615" },
      reason: "runaway recording, ticket 42",
      clientIp: "203.0.113.9",
      userAgent: "Mozilla/5.0",
      details: { b: 2, a: [1, { z: true, y: null }] },
    });
    let [row] = await getAuditRecords(db, [id]);
    expect(row).toMatchObject({
      outcome: "pending",
      finishedAt: null,
      outcomeHash: null,
      prevHash: GENESIS_HASH,
      taskId: "18446744073709551615",
    });
    expect(row!.hash).toMatch(/^[0-9a-f]{64}$/);

    await finishAudit(db, id, { outcome: "ok", requestId: "req-1", latencyMs: 123.4, details: { state: "stopped" } });
    [row] = await getAuditRecords(db, [id]);
    expect(row).toMatchObject({
      outcome: "ok",
      requestId: "req-1",
      latencyMs: 123,
      outcomeDetails: { state: "stopped" },
      reason: "runaway recording, ticket 42",
    });
    expect(row!.outcomeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.finishedAt!.getTime()).toBeGreaterThanOrEqual(row!.at.getTime());

    await expect(finishAudit(db, id, { outcome: "error", errorCode: "X" })).rejects.toBeInstanceOf(
      AuditAlreadyFinishedError,
    );
    expect((await verifyAuditChain(db)).intact).toBe(true);
  });

  it("writes a batch of intents as consecutive links of the chain and finishes each outcome exactly once", async () => {
    const { db } = opened;
    const oncall = { email: "oncall@recdesk.local", role: "oncall" };
    const ids = await beginAudits(
      db,
      ["1", "2", "3"].map((taskId) => ({
        actor: oncall,
        action: "task.stop" as const,
        target: { streamName: `bulk-${taskId}`, taskId },
        jobId: "5b1f0c1e-2d3a-4b5c-8d6e-7f8091a2b3c4",
        details: { bulkItemId: Number(taskId) },
      })),
    );
    expect(ids).toHaveLength(3);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    const rows = await getAuditRecords(db, ids);
    expect(rows.map((r) => r.taskId)).toEqual(["1", "2", "3"]);
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(rows[2]!.prevHash).toBe(rows[1]!.hash);

    const finished = await finishAudits(db, [
      { id: ids[0]!, result: { outcome: "ok", requestId: "req-b1", details: { attempts: 1 } } },
      {
        id: ids[1]!,
        result: {
          outcome: "error",
          requestId: "req-b2",
          errorCode: "ResourceNotFound.TaskId",
          errorMessage: "no such task",
          latencyMs: 21,
        },
      },
    ]);
    expect([...finished].sort()).toEqual([ids[0], ids[1]].sort());
    // Already finished: left alone, not overwritten; the still-pending one in the same batch is finished.
    const again = await finishAudits(db, [
      { id: ids[0]!, result: { outcome: "error", errorCode: "X" } },
      { id: ids[2]!, result: { outcome: "ok", requestId: "req-b3" } },
    ]);
    expect([...again]).toEqual([ids[2]]);
    const after = await getAuditRecords(db, ids);
    expect(after.map((r) => [r.outcome, r.requestId, r.errorCode])).toEqual([
      ["ok", "req-b1", null],
      ["error", "req-b2", "ResourceNotFound.TaskId"],
      ["ok", "req-b3", null],
    ]);
    expect(after[1]!.latencyMs).toBe(21);
    expect((await verifyAuditChain(db)).intact).toBe(true);
  });

  it("leaves an intent another instance finished alone, though this process remembers writing it", async () => {
    const { db } = opened;
    // This process began it, so finishing it here needs no read of its hash (lib/audit/pending-hashes.ts)…
    const id = await beginAudit(db, {
      actor: manager,
      action: "task.stop",
      target: { taskId: "77", streamName: "cam-77" },
    });
    const [row] = await getAuditRecords(db, [id]);
    // …but another instance (its crash recovery, say) gives it an outcome first, through audit_finish as it would.
    const finishedAt = new Date();
    const theirs = {
      outcome: "unknown",
      finishedAt,
      requestId: null,
      errorCode: INTERRUPTED_CODE,
      errorMessage: null,
      latencyMs: null,
      outcomeDetails: null,
    };
    const json = JSON.stringify([
      {
        id,
        outcome: "unknown",
        finished_at: finishedAt.toISOString(),
        error_code: INTERRUPTED_CODE,
        outcome_hash: outcomeHash(row!.hash!, theirs),
      },
    ]);
    await exec(`select audit_finish('${json}'::jsonb)`);
    await expect(finishAudit(db, id, { outcome: "ok", requestId: "late" })).rejects.toBeInstanceOf(
      AuditAlreadyFinishedError,
    );
    const [after] = await getAuditRecords(db, [id]);
    expect(after).toMatchObject({ outcome: "unknown", requestId: null, errorCode: INTERRUPTED_CODE });
    expect((await verifyAuditChain(db)).intact).toBe(true);
  });

  it("records an upstream error, a refusal and an invalid attempt as single complete records", async () => {
    const { db } = opened;
    const failed = await beginAudit(db, { actor: manager, action: "task.start", target: { streamName: "s" } });
    await finishAudit(db, failed, {
      outcome: "error",
      requestId: "req-2",
      errorCode: "InvalidParameter.OutOfRange",
      errorMessage: "bad",
      latencyMs: 9,
    });
    const denied = await recordAudit(
      db,
      { actor: { email: "support@recdesk.local", role: "support" }, action: "audit.verify" },
      { outcome: "denied", errorCode: "Forbidden" },
    );
    const invalid = await recordAudit(
      db,
      { actor: manager, action: "task.stop" },
      { outcome: "invalid", errorCode: "InvalidInput", details: { fieldErrors: { taskId: ["x"] } } },
    );
    const rows = await getAuditRecords(db, [failed, denied, invalid]);
    expect(rows.map((r) => [r.action, r.outcome, r.errorCode])).toEqual([
      ["task.start", "error", "InvalidParameter.OutOfRange"],
      ["audit.verify", "denied", "Forbidden"],
      ["task.stop", "invalid", "InvalidInput"],
    ]);
    // Each links to the one before it.
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(rows[2]!.prevHash).toBe(rows[1]!.hash);
  });

  it("keeps one chain under concurrent writers", async () => {
    const { db } = opened;
    const ids = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2
          ? beginAudit(db, { actor: manager, action: "bulk.create", reason: `r${i}` })
          : recordAudit(db, { actor: manager, action: "auth.sign-in" }, { outcome: "ok" }),
      ),
    );
    expect(new Set(ids).size).toBe(20);
    await Promise.all(ids.filter((_, i) => i % 2).map((id) => finishAudit(db, id, { outcome: "ok" })));
    const report = await verifyAuditChain(db, { batchSize: 7 });
    expect(report).toMatchObject({ intact: true });
    expect(report.checked).toBeGreaterThanOrEqual(24);
  });

  it("refuses DELETE, TRUNCATE and any UPDATE of a finished record in the database", async () => {
    // Raw results: node-postgres returns bigint as a string, PGlite as a number.
    const [first] = (
      await exec("select id::int as id from audit_records where outcome <> 'pending' order by id limit 1")
    ).rows as { id: number }[];
    expect(await refusal(`delete from audit_records where id = ${first!.id}`)).toMatch(/append-only: DELETE/);
    expect(await refusal("delete from audit_records")).toMatch(/append-only: DELETE/);
    expect(await refusal("truncate audit_records")).toMatch(/append-only: TRUNCATE/);
    expect(await refusal(`update audit_records set reason = 'edited' where id = ${first!.id}`)).toMatch(/is finished/);
    expect(await refusal(`update audit_records set outcome = 'pending' where id = ${first!.id}`)).toMatch(
      /is finished/,
    );
  });

  it("lets a pending intent receive its outcome once, and nothing else", async () => {
    const { db } = opened;
    const id = await beginAudit(db, { actor: manager, action: "task.delete", reason: "original" });
    expect(
      await refusal(
        `update audit_records set reason = 'edited', outcome = 'ok', finished_at = now(), outcome_hash = 'x' where id = ${id}`,
      ),
    ).toMatch(/intent of record .* cannot change/);
    expect(await refusal(`update audit_records set request_id = 'r' where id = ${id}`)).toMatch(
      /only change from pending to a final outcome/,
    );
    expect(await refusal(`delete from audit_records where id = ${id}`)).toMatch(/append-only: DELETE/);
    await finishAudit(db, id, { outcome: "ok" });
    expect(await refusal(`update audit_records set outcome = 'error' where id = ${id}`)).toMatch(/is finished/);
    const [row] = await getAuditRecords(db, [id]);
    expect(row).toMatchObject({ reason: "original", outcome: "ok" });
  });

  it("marks intents left pending by a crash as unknown, keeping when they started", async () => {
    const { db } = opened;
    const id = await beginAudit(db, { actor: manager, action: "task.stop", target: { taskId: "77" } });
    const [before] = await getAuditRecords(db, [id]);
    const marked = await markInterruptedIntents(db, { startedBefore: new Date(Date.now() + 1) });
    expect(marked).toEqual([id]);
    const [row] = await getAuditRecords(db, [id]);
    expect(row).toMatchObject({ outcome: "unknown", errorCode: INTERRUPTED_CODE, at: before!.at });
    expect(row!.outcomeDetails).toMatchObject({ startedAt: before!.at.toISOString() });
    // Idempotent: a second start-up finds nothing left.
    expect(await markInterruptedIntents(db, { startedBefore: new Date(Date.now() + 1) })).toEqual([]);
    // A grace period leaves a fresh intent (perhaps another live instance's) alone.
    const fresh = await beginAudit(db, { actor: manager, action: "task.stop" });
    expect(await markInterruptedIntents(db, { startedBefore: new Date(Date.now() - 60_000) })).toEqual([]);
    await finishAudit(db, fresh, { outcome: "ok" });
    expect((await verifyAuditChain(db)).intact).toBe(true);
  });

  describe("tampering (with the trigger disabled, as a superuser could)", () => {
    const withoutTrigger = async (q: string) => {
      await exec("alter table audit_records disable trigger audit_records_append_only");
      try {
        await exec(q);
      } finally {
        await exec("alter table audit_records enable trigger audit_records_append_only");
      }
    };
    let target: { id: number; reason: string | null; outcome: string };
    beforeAll(async () => {
      const rows = (
        await exec("select id, reason, outcome from audit_records where outcome = 'ok' order by id limit 3")
      ).rows as (typeof target)[];
      target = { ...rows[2]!, id: Number(rows[2]!.id) };
    });

    it("names the record whose intent was edited", async () => {
      await withoutTrigger(`update audit_records set reason = 'nothing to see' where id = ${target.id}`);
      const report = await verifyAuditChain(opened.db, { batchSize: 2 });
      expect(report.intact).toBe(false);
      expect(report.firstBroken).toEqual({ id: target.id, problem: expect.stringMatching(/intent was changed/) });
      expect(report.checked).toBeGreaterThan(0);
      await withoutTrigger(
        `update audit_records set reason = ${target.reason === null ? "null" : `'${target.reason}'`} where id = ${target.id}`,
      );
      expect((await verifyAuditChain(opened.db)).intact).toBe(true);
    });

    it("names the record whose outcome was edited", async () => {
      await withoutTrigger(`update audit_records set outcome = 'denied' where id = ${target.id}`);
      const report = await verifyAuditChain(opened.db);
      expect(report.firstBroken).toEqual({ id: target.id, problem: expect.stringMatching(/outcome was changed/) });
      await withoutTrigger(`update audit_records set outcome = 'ok' where id = ${target.id}`);
      expect((await verifyAuditChain(opened.db)).intact).toBe(true);
    });

    it("catches an outcome changed with its outcome hash recomputed, once a verification has sealed it", async () => {
      const sealedBy = await runAuditedVerify(opened.db, {
        actor: { userId: manager.userId, email: manager.email, name: "Mia", role: "manager" },
        origin: { clientIp: "192.0.2.1" },
      });
      expect(sealedBy).toMatchObject({ intact: true, seal: { upToId: sealedBy.auditId - 1 } });
      const [row] = await getAuditRecords(opened.db, [target.id]);
      // A careful forger: outcome, and an outcome hash that matches it.
      const forged = outcomeHash(row!.hash!, {
        outcome: "error",
        finishedAt: row!.finishedAt!,
        requestId: row!.requestId,
        errorCode: "Forged",
        errorMessage: null,
        latencyMs: row!.latencyMs,
        outcomeDetails: row!.outcomeDetails,
      });
      await withoutTrigger(
        `update audit_records set outcome = 'error', error_code = 'Forged', outcome_hash = '${forged}' where id = ${target.id}`,
      );
      const report = await verifyAuditChain(opened.db);
      expect(report.intact).toBe(false);
      expect(report.firstBroken).toEqual({
        id: sealedBy.auditId,
        problem: expect.stringMatching(/seals outcomes that no longer match/),
      });
      await withoutTrigger(
        `update audit_records set outcome = 'ok', error_code = null, outcome_hash = '${row!.outcomeHash}' where id = ${target.id}`,
      );
      expect((await verifyAuditChain(opened.db)).intact).toBe(true);
    });

    it("names the record after one that was deleted", async () => {
      const [next] = (await exec(`select id from audit_records where id > ${target.id} order by id limit 1`)).rows as {
        id: number;
      }[];
      await withoutTrigger(`delete from audit_records where id = ${target.id}`);
      const report = await verifyAuditChain(opened.db);
      expect(report.firstBroken).toEqual({ id: Number(next!.id), problem: expect.stringMatching(/does not link/) });
    });
  });
});
