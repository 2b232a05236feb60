import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "@/lib/db/types";
import { authenticateWithPassword } from "@/lib/auth/sign-in";
import { originFromHeaders } from "@/lib/auth/origin";
import { beginAudit, recordAudit } from "@/lib/audit/write";
import { finishAudit } from "@/lib/audit/finish";
import { getAuditRecords } from "../helpers/audit-rows";
import { verifyAuditChain } from "@/lib/audit/verify";
import { intentHash, outcomeHash } from "@/lib/audit/hash";
import { AUDIT_ACTIONS, type AuditIntent, type AuditResult } from "@/lib/audit/types";
import { AUDIT_OUTCOMES } from "@/lib/db/schema/audit";
import { clip } from "@/lib/tasks/actor";
import { drivers, openTestDb } from "../helpers/test-db";

const EMOJI = "😀";
// Every kind of string that used to break the chain: halves of a pair, NUL, and a pair that must survive.
const NASTY = `lone high \uD83D, lone low \uDE00, NUL \u0000, pair ${EMOJI}, bell \u0007`;

describe.each(drivers)("audit records with hostile text on %s", (driver) => {
  let opened: OpenDatabase;
  beforeAll(async () => {
    opened = await openTestDb(driver);
  });
  afterAll(() => opened?.close());

  const expectIntact = async () => {
    const report = await verifyAuditChain(opened.db);
    expect(report.broken).toEqual([]);
    expect(report.intact).toBe(true);
  };

  it("a refused sign-in as 253 × a + 😀 (the review's attack) is kept whole, one cut inside an emoji loses the emoji, and both verify", async () => {
    const lastSignInEmail = async () =>
      (
        (
          await opened.db.execute(
            sql`select actor_email from audit_records where action = 'auth.sign-in' order by id desc limit 1`,
          )
        ).rows as { actor_email: string }[]
      )[0]!.actor_email;
    // 254 code points: within the email's 254-character bound, so nothing is cut and the emoji stays whole.
    const attack = `${"a".repeat(253)}${EMOJI}`;
    const first = await authenticateWithPassword(opened.db, {
      email: attack,
      password: "any password at all",
      origin: { clientIp: "198.51.100.7" },
    });
    expect(first.ok).toBe(false);
    expect(await lastSignInEmail()).toBe(attack);
    // One more: the cut falls on the emoji, which is dropped whole rather than split into a lone surrogate.
    const longer = `${"a".repeat(254)}${EMOJI}`;
    expect(longer.slice(0, 255)).toMatch(/\uD83D$/);
    const second = await authenticateWithPassword(opened.db, {
      email: longer,
      password: "any password at all",
      origin: { clientIp: "198.51.100.8" },
    });
    expect(second.ok).toBe(false);
    expect(await lastSignInEmail()).toBe("a".repeat(254));
    await expectIntact();
  });

  it("a reason over 500 characters with an emoji at the cut, and a stream name over 300, still verify", async () => {
    const reason = `${"r".repeat(499)}${EMOJI}${"s".repeat(50)}`;
    const streamName = `${"c".repeat(299)}${EMOJI}more`;
    expect(reason.slice(0, 500)).toMatch(/\uD83D$/);
    const id = await recordAudit(
      opened.db,
      {
        actor: { email: "oncall@recdesk.local", role: "oncall" },
        action: "task.stop",
        reason: reason.slice(0, 500),
        target: { streamName: clip(streamName), appName: streamName.slice(0, 300) },
      },
      { outcome: "invalid", errorCode: "InvalidInput", errorMessage: `${"m".repeat(1_999)}${EMOJI}tail` },
    );
    const [row] = await getAuditRecords(opened.db, [id]);
    expect(row!.reason).toBe(`${"r".repeat(499)}\uFFFD`);
    // clip() counts code points, like the schemas: the emoji is the 300th and stays whole; "more" is cut.
    expect(row!.streamName).toBe(`${"c".repeat(299)}${EMOJI}`);
    expect(row!.errorMessage).toBe(`${"m".repeat(1_999)}…`);
    await expectIntact();
  });

  it("a JSON body with lone surrogates and NUL in values and keys, and a hostile user agent, still verify", async () => {
    const body = JSON.parse(
      '{"stream":"\\ud800x","\\udc00":"k","nul":"a\\u0000b","nested":[{"t":"\\ud83d"}]}',
    ) as Record<string, unknown>;
    // Headers as a server may hand them over (undici's Headers would refuse these; a proxy or adapter may not).
    const headers: Record<string, string> = {
      "user-agent": `agent ${"u".repeat(505)}${EMOJI}\u0000`,
      "x-forwarded-for": "203.0.113.5\uD800",
    };
    const origin = originFromHeaders({ get: (name: string) => headers[name] ?? null });
    const id = await beginAudit(opened.db, {
      actor: { email: NASTY },
      action: "task.register",
      details: { body },
      userAgent: origin.userAgent,
      clientIp: origin.clientIp,
    });
    await finishAudit(opened.db, id, {
      outcome: "error",
      requestId: NASTY,
      errorCode: NASTY,
      errorMessage: NASTY,
      details: { echo: body, nul: "\u0000" },
    });
    const [row] = await getAuditRecords(opened.db, [id]);
    expect(row!.details).toEqual({
      body: { stream: "\uFFFDx", "\uFFFD": "k", nul: "a\uFFFDb", nested: [{ t: "\uFFFD" }] },
    });
    expect(row!.userAgent).not.toMatch(/[\uD800-\uDFFF](?![\uDC00-\uDFFF])/);
    expect(row!.outcomeDetails).toMatchObject({ nul: "\uFFFD" });
    await expectIntact();
  });

  it("every record type round-trips: what was hashed is exactly what the database gives back", async () => {
    const ids: number[] = [];
    for (const action of AUDIT_ACTIONS) {
      for (const outcome of AUDIT_OUTCOMES) {
        const intent: AuditIntent = {
          actor: {
            userId: "7d3f1a52-4a1e-4d8e-9a57-0c0f5d1b2c3d",
            email: `${action}@recdesk.local ${NASTY}`,
            role: NASTY,
          },
          action,
          target: { domainName: NASTY, appName: NASTY, streamName: NASTY, taskId: "18446744073709551615" },
          jobId: "5b1f0c1e-2d3a-4b5c-8d6e-7f8091a2b3c4",
          reason: NASTY,
          clientIp: NASTY,
          userAgent: NASTY,
          details: {
            text: NASTY,
            [NASTY]: [NASTY, 1.5, -0, 2 ** 60, true, null, { at: new Date(1_700_000_000_123) }],
            gone: undefined,
          },
        };
        const result: AuditResult | undefined =
          outcome === "pending"
            ? undefined
            : {
                outcome,
                requestId: NASTY,
                errorCode: NASTY,
                errorMessage: NASTY,
                latencyMs: 12.6,
                details: { text: NASTY, [NASTY]: [0.1 + 0.2] },
              };
        if (!result) {
          ids.push(await beginAudit(opened.db, intent));
        } else if (outcome === "unknown") {
          // Written ahead, finished later: the outcome travels by audit_finish() rather than the insert.
          const id = await beginAudit(opened.db, intent);
          await finishAudit(opened.db, id, result);
          ids.push(id);
        } else {
          ids.push(await recordAudit(opened.db, intent, result));
        }
      }
    }
    const rows = await getAuditRecords(opened.db, ids);
    expect(rows).toHaveLength(AUDIT_ACTIONS.length * AUDIT_OUTCOMES.length);
    for (const row of rows) {
      expect(intentHash({ ...row, prevHash: row.prevHash! })).toBe(row.hash);
      if (row.outcome !== "pending") {
        expect(outcomeHash(row.hash!, { ...row, outcome: row.outcome, finishedAt: row.finishedAt! })).toBe(
          row.outcomeHash,
        );
      }
      for (const text of [
        row.actorEmail,
        row.reason,
        row.streamName,
        row.userAgent,
        row.errorMessage,
        JSON.stringify(row.details),
      ]) {
        expect(text ?? "").not.toMatch(/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      }
    }
    await expectIntact();
  });
});
