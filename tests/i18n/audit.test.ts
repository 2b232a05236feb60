import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { AuditTable } from "@/components/audit/audit-table";
import { AuditFiltersForm } from "@/components/audit/audit-filters";
import { OutcomeBadge } from "@/components/audit/outcome-badge";
import { verifyProblemMessage } from "@/components/audit/verify-problem";
import { checkRecord } from "@/lib/audit/verify";
import { AUDIT_ACTIONS } from "@/lib/audit/types";
import { AUDIT_OUTCOMES } from "@/lib/db/schema/audit";
import type { AuditRowView } from "@/lib/audit/definitions";
import type { AuditRecord } from "@/lib/db/schema/audit";
import { renderIn, textOf, translator } from "./ui-render";

const row: AuditRowView = {
  id: 42,
  at: "2026-01-01T00:01:00.000Z",
  finishedAt: null,
  actorEmail: "oncall@recdesk.local",
  actorRole: "oncall",
  action: "task.stop",
  domainName: "push.example.com",
  appName: "live",
  streamName: "s1",
  taskId: "123",
  jobId: null,
  reason: "runaway",
  outcome: "ok",
  requestId: "req-1",
  errorCode: null,
  errorMessage: null,
  latencyMs: 1234,
  clientIp: null,
};

describe("the audit page in both languages: translated labels over the same data", () => {
  it("keeps every English label, code and stored value of a record as before", async () => {
    const html = await renderIn("en", createElement(AuditTable, { rows: [row], caption: "Audit records" }));
    const text = textOf(html);
    for (const heading of ["Time (UTC)", "Actor", "Action", "Target", "Reason", "Outcome", "RequestId", "Latency"])
      expect(text).toContain(heading);
    expect(text).toContain("2026-01-01 00:01:00");
    expect(text).toContain("task.stop");
    expect(text).toContain("TaskId 123");
    expect(text).toContain("1234 ms");
    expect(html).toContain('data-outcome="ok"');
    expect(html).toContain('class="whitespace-nowrap px-3 py-2 font-mono text-xs">task.stop</td>');
  });

  it("shows a Chinese reader the action, outcome and role in Chinese, with the stored code kept", async () => {
    const html = await renderIn("zh-CN", createElement(AuditTable, { rows: [row], caption: "审计记录" }));
    const text = textOf(html);
    expect(text).toContain("时间（UTC）");
    expect(text).toContain("请求 ID");
    expect(text).toContain("停止录制（task.stop）");
    expect(text).toContain("成功");
    expect(text).toContain("值班工程师");
    expect(text).toContain("任务 ID 123");
    expect(text).toContain("req-1");
    expect(html).toContain('data-outcome="ok"');
    expect(text).not.toMatch(/Time|Actor|Latency|TaskId/);
  });

  it("labels every action and outcome in Chinese, and keeps the option values the stored codes", async () => {
    const en = await translator("en", "audit");
    const zh = await translator("zh-CN", "audit");
    for (const action of AUDIT_ACTIONS) {
      expect(en(`actions.${action}`)).toBe(action);
      expect(zh(`actions.${action}`)).toContain(`（${action}）`);
    }
    for (const outcome of AUDIT_OUTCOMES) {
      expect(en(`outcomes.${outcome}`)).toBe(outcome);
      expect(zh(`outcomes.${outcome}`)).toMatch(/\p{Script=Han}/u);
    }
    const form = (locale: "en" | "zh-CN") =>
      renderIn(
        locale,
        createElement(AuditFiltersForm, { values: {}, actions: AUDIT_ACTIONS, outcomes: AUDIT_OUTCOMES }),
      );
    expect(await form("en")).toContain('<option value="auth.sign-in">auth.sign-in</option>');
    const zhForm = await form("zh-CN");
    expect(zhForm).toContain('<option value="auth.sign-in">登录（auth.sign-in）</option>');
    expect(zhForm).toContain('<option value="unknown">结果未知</option>');
    expect(textOf(zhForm)).toContain("操作人邮箱");
  });

  it("an outcome it has no word for is shown as stored", async () => {
    expect(textOf(await renderIn("zh-CN", createElement(OutcomeBadge, { outcome: "weird" })))).toContain("weird");
  });

  it("says the Verify integrity result in English as before, and in Chinese", async () => {
    const en = await translator("en", "audit.verify");
    const zh = await translator("zh-CN", "audit.verify");
    const bold = { strong: (c: unknown) => `*${String(c)}*` };
    expect(en.markup("intact", { ...bold, checked: 12345, durationMs: 87 })).toBe(
      "*OK — chain intact.* 12,345 records checked in 87 ms.",
    );
    expect(zh.markup("intact", { ...bold, checked: 12345, durationMs: 87 })).toBe(
      "*正常：哈希链完整。*已校验 12,345 条记录，耗时 87 毫秒。",
    );
    const broken = {
      ...bold,
      brokenCount: 7,
      checked: 1200,
      ids: "#3, #4",
      more: en("more", { count: 5 }),
      firstId: 3,
      problem: "has no hash (written outside the audit writer)",
    };
    expect(en.markup("broken", broken)).toBe(
      "*Chain broken: 7 of 1,200 records do not verify* (#3, #4 and 5 more). The first, record #3, has no hash (written outside the audit writer). Treat the records from #3 on as untrusted and investigate who had database access.",
    );
  });

  it("every reason lib/audit/verify.ts gives for a broken record reads the same in English and has Chinese", async () => {
    const en = await translator("en", "audit.verify.problems");
    const zh = await translator("zh-CN", "audit.verify.problems");
    const base = { id: 1, hash: "h", prevHash: "p", outcome: "ok" } as unknown as AuditRecord;
    const problems = [
      checkRecord({ ...base, hash: null } as unknown as AuditRecord, "p"),
      checkRecord(base, "other"),
      checkRecord(base, "p"),
      "is pending but carries an outcome",
      "has an outcome without an outcome hash",
      "its outcome no longer matches its outcome hash (the outcome was changed)",
      "is pending, but verification record 17 sealed its outcome",
      "seals outcomes that no longer match: one written up to record 99 was changed and its outcome hash recomputed",
      "is the head of a chain that has no key-switch record although RECDESK_AUDIT_KEY is set (keyed records were removed or rewritten)",
    ];
    for (const problem of problems) {
      const m = verifyProblemMessage(problem!);
      expect(m, problem!).not.toBeNull();
      expect(en(m!.key, m!.values)).toBe(problem);
      expect(zh(m!.key, m!.values)).toMatch(/\p{Script=Han}/u);
    }
    expect(verifyProblemMessage("something new")).toBeNull();
  });
});
