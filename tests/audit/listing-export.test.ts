import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "@/lib/db/types";
import type { Actor } from "@/lib/auth/actor";
import { beginAudit, recordAudit } from "@/lib/audit/write";
import { finishAudit } from "@/lib/audit/finish";
import { listAuditRecords, listFollowUp } from "@/lib/audit/queries";
import { getAuditRecords } from "../helpers/audit-rows";
import { parseAuditFilters, type AuditFilters } from "@/lib/audit/filters";
import { exportAuditCsv, CSV_COLUMNS } from "@/lib/audit/export-csv";
import { markInterruptedIntents } from "@/lib/audit/recovery";
import { runAuditedVerify } from "@/lib/audit/integrity";
import { drivers, openTestDb } from "../helpers/test-db";

const admin: Actor = {
  userId: "00000000-0000-4000-8000-000000000001",
  email: "admin@recdesk.local",
  name: "Ada",
  role: "admin",
};
const origin = { clientIp: "198.51.100.4", userAgent: "vitest" };
const JOB = "6f1c2f3e-5a0b-4c1d-8e2f-3a4b5c6d7e8f";

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  // Keep the BOM (Excel needs it to read UTF-8), which Response.text() would strip.
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
}

describe.each(drivers)("audit listing and export on %s", (driver) => {
  let opened: OpenDatabase;
  const ids: number[] = [];
  beforeAll(async () => {
    opened = await openTestDb(driver);
    const { db } = opened;
    for (let i = 1; i <= 23; i++) {
      ids.push(
        await recordAudit(
          db,
          {
            actor: {
              email: i % 2 ? "oncall@recdesk.local" : "support@recdesk.local",
              role: i % 2 ? "oncall" : "support",
            },
            action: i % 3 ? "task.stop" : "task.start",
            target: { streamName: `cam-${i % 4}`, taskId: String(1000 + (i % 5)) },
            reason: `incident ${i}`,
            jobId: i % 7 === 0 ? JOB : undefined,
          },
          { outcome: i % 5 ? "ok" : "error", requestId: `req-${i}`, errorCode: i % 5 ? undefined : "InternalError" },
        ),
      );
    }
  });
  afterAll(() => opened?.close());

  const filters = (q: string): AuditFilters => {
    const r = parseAuditFilters(new URLSearchParams(q));
    if (!r.ok) throw new Error(JSON.stringify(r.fieldErrors));
    return r.filters;
  };

  it("pages newest first by id, forwards and back, without gaps or repeats", async () => {
    const { db } = opened;
    const p1 = await listAuditRecords(db, {}, {}, 10);
    expect(p1.rows.map((r) => r.id)).toEqual([...ids].reverse().slice(0, 10));
    expect(p1.newerCursor).toBeUndefined();
    const p2 = await listAuditRecords(db, {}, { before: p1.olderCursor }, 10);
    const p3 = await listAuditRecords(db, {}, { before: p2.olderCursor }, 10);
    expect([...p1.rows, ...p2.rows, ...p3.rows].map((r) => r.id)).toEqual([...ids].reverse());
    expect(p3.olderCursor).toBeUndefined();
    const back = await listAuditRecords(db, {}, { after: p3.newerCursor }, 10);
    expect(back.rows.map((r) => r.id)).toEqual(p2.rows.map((r) => r.id));
    expect(back.newerCursor).toBe(p2.rows[0]!.id);
  });

  it("pages a narrow time range newest first, without gaps or repeats", async () => {
    const { db } = opened;
    const range = filters(
      `from=${new Date(Date.now() - 3_600_000).toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}`,
    );
    const seen: number[] = [];
    let cursor: { before?: number } = {};
    for (;;) {
      const page = await listAuditRecords(db, range, cursor, 10);
      seen.push(...page.rows.map((r) => r.id));
      if (!page.olderCursor) break;
      cursor = { before: page.olderCursor };
    }
    expect(seen).toEqual([...ids].reverse());
  });

  it("filters by actor, action, outcome, stream, TaskId, job, reason text and time", async () => {
    const { db } = opened;
    const get = async (q: string) => (await listAuditRecords(db, filters(q), {}, 100)).rows;
    expect((await get("actor=SUPPORT@recdesk.local")).every((r) => r.actorEmail === "support@recdesk.local")).toBe(
      true,
    );
    expect((await get("action=task.start")).map((r) => r.id)).toEqual(
      ids.filter((_, k) => (k + 1) % 3 === 0).reverse(),
    );
    const errors = await get("outcome=error");
    expect(errors.map((r) => [r.errorCode, r.requestId])).toEqual([
      ["InternalError", "req-20"],
      ["InternalError", "req-15"],
      ["InternalError", "req-10"],
      ["InternalError", "req-5"],
    ]);
    expect((await get("stream=cam-2")).every((r) => r.streamName === "cam-2")).toBe(true);
    expect((await get("taskId=1003")).map((r) => r.reason)).toEqual([
      "incident 23",
      "incident 18",
      "incident 13",
      "incident 8",
      "incident 3",
    ]);
    expect((await get(`jobId=${JOB}`)).map((r) => r.reason)).toEqual(["incident 21", "incident 14", "incident 7"]);
    expect((await get("q=INCIDENT 2")).map((r) => r.reason)).toEqual([
      "incident 23",
      "incident 22",
      "incident 21",
      "incident 20",
      "incident 2",
    ]);
    // LIKE wildcards typed by a person are literal text.
    expect(await get("q=%25")).toEqual([]);
    expect(await get("from=2000-01-01&to=2000-01-02")).toEqual([]);
    expect((await get(`from=${new Date(Date.now() - 3_600_000).toISOString()}`)).length).toBe(23);
  });

  it("exports the filter as CSV that round-trips quotes, commas, newlines and neutralised formulas, and audits the export", async () => {
    const { db } = opened;
    const tricky = [
      `He said "stop", then left`,
      "line one\nline two, with comma",
      '=HYPERLINK("http://evil","x")',
      "+1 555",
      "-2",
      "@SUM(A1)",
      "\tTAB",
      "plain",
    ];
    const trickyIds: number[] = [];
    for (const reason of tricky) {
      trickyIds.push(
        await recordAudit(
          db,
          {
            actor: { email: "oncall@recdesk.local", role: "oncall" },
            action: "task.register",
            reason,
            target: { streamName: "csv" },
          },
          { outcome: "ok" },
        ),
      );
    }
    const { stream, auditId } = await exportAuditCsv(
      db,
      filters("stream=csv"),
      { stream: "csv" },
      { actor: admin, origin },
      { batchSize: 3 },
    );
    const pendingExport = (await getAuditRecords(db, [auditId]))[0]!;
    expect(pendingExport).toMatchObject({
      action: "audit.export",
      outcome: "pending",
      actorEmail: "admin@recdesk.local",
      actorRole: "admin",
      details: { filters: { stream: "csv" }, format: "csv" },
    });
    const text = await readAll(stream);
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
    expect(rows.map((r) => Number(r.id))).toEqual([...trickyIds].reverse());
    expect(rows.map((r) => r.reason).reverse()).toEqual([
      `He said "stop", then left`,
      "line one\nline two, with comma",
      '\'=HYPERLINK("http://evil","x")',
      "'+1 555",
      "'-2",
      "'@SUM(A1)",
      "'\tTAB",
      "plain",
    ]);
    const [done] = await getAuditRecords(db, [auditId]);
    expect(done).toMatchObject({ outcome: "ok", outcomeDetails: { rows: tricky.length } });
  });

  it("exports a header alone when nothing matches, and records an aborted download as such", async () => {
    const { db } = opened;
    const empty = await exportAuditCsv(db, filters("stream=nothing-here"), {}, { actor: admin, origin });
    expect((await readAll(empty.stream)).trimEnd()).toBe(`\uFEFF${CSV_COLUMNS.join(",")}`);
    const aborted = await exportAuditCsv(db, {}, {}, { actor: admin, origin }, { batchSize: 5 });
    const reader = aborted.stream.getReader();
    await reader.read();
    await reader.cancel();
    const [row] = await getAuditRecords(db, [aborted.auditId]);
    expect(row).toMatchObject({ outcome: "error", errorCode: "RecDesk.ExportAborted", outcomeDetails: { rows: 5 } });
  });

  it("lists unknown and long-pending intents for follow-up, and audits a verification", async () => {
    const { db } = opened;
    const orphan = await beginAudit(db, {
      actor: { email: "oncall@recdesk.local", role: "oncall" },
      action: "task.stop",
      target: { taskId: "31337" },
    });
    expect((await listFollowUp(db)).map((r) => r.id)).not.toContain(orphan);
    // Fifteen minutes later, nobody has finished it: it shows up even before a restart marks it.
    expect(
      (await listFollowUp(db, 20, new Date(Date.now() + 16 * 60_000))).map((r) => [r.id, r.outcome]),
    ).toContainEqual([orphan, "pending"]);
    await markInterruptedIntents(db, { startedBefore: new Date(Date.now() + 1) });
    expect((await listFollowUp(db)).map((r) => [r.id, r.outcome])).toContainEqual([orphan, "unknown"]);

    const report = await runAuditedVerify(db, { actor: admin, origin });
    expect(report).toMatchObject({ intact: true, headId: report.auditId - 1 });
    const [row] = await getAuditRecords(db, [report.auditId]);
    expect(row).toMatchObject({
      action: "audit.verify",
      outcome: "ok",
      outcomeDetails: { checked: report.checked, headHash: report.headHash },
    });
    await finishAudit(db, await beginAudit(db, { actor: admin, action: "task.stop" }), { outcome: "ok" });
  });
});
