/*
 * What the server says to a person comes from the catalogs (messages/<locale>/{actions,validation}.json): the
 * English reads byte for byte as before the catalogs (audit records, logs and every English test read it), and a
 * zh-CN request gets the same answer in Chinese from the action wrapper, while its audit record stays English.
 */
import { asc, desc, gt } from "drizzle-orm";
import { createTranslator } from "next-intl";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { AuthCheck } from "@/lib/auth/actor";
import { checkPermission } from "@/lib/auth/authorize";
import { EmailSchema, PasswordSchema, RoleSchema } from "@/lib/auth/users";
import { auditRecords } from "@/lib/db/schema/audit";
import type { Database, OpenDatabase } from "@/lib/db/types";
import { readCatalog } from "@/lib/i18n/catalog";
import { parseAuditFilters } from "@/lib/audit/filters";
import { bulkSelectionSchema } from "@/lib/bulk/selection-types";
import { recordTaskStartSchemaAt } from "@/lib/tasks/record-task-start-schema";
import { ReasonSchema, StopTaskInputSchema } from "@/lib/tasks/schemas";
import { StreamNameSchema, TaskIdSchema } from "@/lib/tencent-live/validation";
import { fieldErrorsOf } from "@/lib/validation/field-errors";
import { localizeFieldErrors, localizeMessage, say, type Translate } from "@/lib/validation/messages";
import { safeText } from "@/lib/validation/safe-text";
import { openTestDb } from "../helpers/test-db";
import { insertActors, oncall, support } from "../tasks/helpers";

const state = vi.hoisted(() => ({
  check: null as unknown as AuthCheck,
  db: null as unknown as Database,
  locale: "en" as string,
}));
vi.mock("@/lib/auth/require", () => ({ requirePermission: vi.fn(async () => state.check) }));
vi.mock("@/lib/db", () => ({ getDb: async () => state.db }));
vi.mock("next-intl/server", () => ({ getLocale: async () => state.locale }));
vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  revalidatePath: () => {},
}));

const taskActions = await import("@/app/(console)/tasks/actions");
const userActions = await import("@/app/(console)/users/actions");
const streamsRoute = await import("@/app/api/streams/route");
const jobRoute = await import("@/app/api/jobs/[id]/route");

const HAN = /\p{Script=Han}/u;

async function chinese(): Promise<Translate> {
  return createTranslator({ locale: "zh-CN", messages: await readCatalog("zh-CN") }) as unknown as Translate;
}

function errorsOf(schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, value: unknown) {
  const r = schema.safeParse(value);
  expect(r.success).toBe(false);
  return fieldErrorsOf(r.error as never);
}

function form(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}

describe("validation messages: English as before, Chinese from the same key", () => {
  it("the schemas say in English exactly what they said before the catalogs", () => {
    const first = (schema: Parameters<typeof errorsOf>[0], v: unknown) => Object.values(errorsOf(schema, v))[0]![0];
    expect(first(ReasonSchema, "x")).toBe("Give a reason (at least 3 characters): it goes into the audit trail");
    expect(first(ReasonSchema, "x".repeat(501))).toBe("Keep the reason under 500 characters");
    expect(first(ReasonSchema, 5)).toBe("Reason must be text");
    expect(first(ReasonSchema, "ab\u0000c")).toBe(
      "Reason contains the invisible control character U+0000; remove it and try again",
    );
    expect(first(ReasonSchema, "ab\uD800cd")).toBe(
      "Reason contains an unpaired surrogate (half of an emoji or other character); remove it and try again",
    );
    expect(first(safeText({ label: "Search", max: 3 }), "abcd")).toBe("Search must be at most 3 characters");
    expect(first(TaskIdSchema, "012")).toBe("TaskId must be a whole number without leading zeros");
    expect(first(TaskIdSchema, "18446744073709551616")).toBe("TaskId must be at most 18446744073709551615");
    expect(first(StreamNameSchema, "")).toBe("StreamName is required");
    expect(first(StreamNameSchema, "a/b")).toBe("StreamName may contain letters, digits and _ . ~ ! * ( ) @ + = , : -");
    expect(first(EmailSchema, "nope")).toBe("Enter an email address such as name@example.com");
    expect(first(PasswordSchema, "short")).toBe("Use at least 12 characters");
    expect(first(RoleSchema, "boss")).toBe("Choose one of: support, oncall, manager, admin");
    expect(first(bulkSelectionSchema(1500), { kind: "ids", taskIds: Array(1501).fill("1") })).toBe(
      "Select at most 1,500 tasks: one bulk job stops at most that many (RECDESK_BULK_MAX_ITEMS). Split the batch.",
    );
    const now = new Date("2026-06-01T00:00:00Z");
    const start = { streamName: "s", appName: "live", domainName: "a.b.com", timeZone: "UTC" };
    expect(errorsOf(recordTaskStartSchemaAt(now), { ...start, endLocal: "2026-06-09T00:00" }).endLocal).toEqual([
      "The end time can be at most 7 days from now (Tencent's limit)",
    ]);
    const audit = parseAuditFilters(new URLSearchParams({ from: "2026-02-31", to: "x" }));
    expect(audit.ok).toBe(false);
    if (!audit.ok)
      expect(audit.fieldErrors).toEqual({
        from: ["From is not a real date"],
        to: ["To must be a date and time such as 2026-05-01T08:30 (UTC)"],
      });
  });

  it("the same field errors come out in Chinese, each field named in Chinese", async () => {
    const zh = await chinese();
    const errors = errorsOf(StopTaskInputSchema, { taskId: "012", streamName: "a/b", reason: "x\u0007yz" });
    const localized = localizeFieldErrors(errors, zh);
    expect(localized).toEqual({
      taskId: ["任务 ID 必须是不带前导零的整数"],
      streamName: ["流名称（StreamName）只能包含字母、数字和 _ . ~ ! * ( ) @ + = , : -"],
      reason: ["原因包含不可见的控制字符 U+0007，请删除后重试"],
    });
    expect(localizeMessage(say("validation.bulk.selectAtMost", { max: 1500 }), zh)).toBe(
      "最多选择 1,500 个录制任务：一个批量任务最多停止这么多（RECDESK_BULK_MAX_ITEMS）。请拆分批次。",
    );
    expect(localizeMessage(say("actions.bulk.tooManyMatch", { count: 2400, max: 1000 }), zh)).toBe(
      "有 2,400 个录制任务符合条件；一个批量任务最多停止 1,000 个（RECDESK_BULK_MAX_ITEMS）。请缩小筛选范围或拆分批次。",
    );
  });

  it("a text RecDesk did not make (Tencent's own message) is never translated", async () => {
    const zh = await chinese();
    expect(localizeMessage("The task does not exist.", zh)).toBe("The task does not exist.");
  });
});

describe("the action wrapper answers in the request's language; the audit record stays English", () => {
  let opened: OpenDatabase;
  let db: Database;
  beforeAll(async () => {
    opened = await openTestDb("pglite");
    db = opened.db;
    state.db = db;
    await insertActors(db);
  });
  afterAll(async () => {
    state.locale = "en";
    await opened?.close();
  });

  async function newRecords(run: () => Promise<unknown>) {
    const [last] = await db.select({ id: auditRecords.id }).from(auditRecords).orderBy(desc(auditRecords.id)).limit(1);
    const before = last?.id ?? 0;
    const result = await run();
    const records = await db
      .select()
      .from(auditRecords)
      .where(gt(auditRecords.id, before))
      .orderBy(asc(auditRecords.id));
    return { result, records };
  }

  const badStop = { taskId: "012", streamName: "live-1", reason: "x" };

  it("zh-CN: invalid input gets Chinese field errors, message and explanation; the record keeps English", async () => {
    state.locale = "zh-CN";
    state.check = { ok: true, actor: oncall.actor as never, origin: oncall.origin! };
    const { result, records } = await newRecords(() => taskActions.stopTaskAction(null, form(badStop)));
    expect(result).toMatchObject({
      ok: false,
      code: "InvalidInput",
      message: "部分字段需要修改；未向腾讯云发送任何请求。",
      fieldErrors: {
        taskId: ["任务 ID 必须是不带前导零的整数"],
        reason: ["请填写原因（至少 3 个字符）：它会写入操作审计"],
      },
      explanation: { code: "InvalidInput", title: "请检查标出的字段" },
    });
    expect(records).toHaveLength(1);
    expect(records[0]!.errorMessage).toBe(
      "taskId: TaskId must be a whole number without leading zeros | reason: Give a reason (at least 3 characters): it goes into the audit trail",
    );
  });

  it("zh-CN: a refusal is said in Chinese, audited in English", async () => {
    state.locale = "zh-CN";
    state.check = await checkPermission(db, support.actor.userId!, "users:manage", support.origin!);
    const { result, records } = await newRecords(() =>
      userActions.changeRoleAction(null, form({ userId: oncall.actor.userId!, role: "admin" })),
    );
    expect(result).toMatchObject({
      ok: false,
      code: "Forbidden",
      message: "您的角色（技术支持）无权执行此操作（users:manage）。未做任何更改。",
    });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ outcome: "denied", errorCode: "Forbidden" });
    expect(records[0]!.errorMessage ?? "").not.toMatch(HAN);
  });

  it("en: the same answers read exactly as before", async () => {
    state.locale = "en";
    state.check = { ok: true, actor: oncall.actor as never, origin: oncall.origin! };
    const invalid = await taskActions.stopTaskAction(null, form(badStop));
    expect(invalid).toMatchObject({
      message: "Some fields need attention; nothing was sent to Tencent Cloud.",
      fieldErrors: { taskId: ["TaskId must be a whole number without leading zeros"] },
      explanation: { title: "Check the highlighted fields" },
    });
    state.check = await checkPermission(db, support.actor.userId!, "users:manage", support.origin!);
    const refused = await userActions.changeRoleAction(null, form({ userId: oncall.actor.userId!, role: "admin" }));
    expect(refused).toMatchObject({
      message: "Your role (support) does not allow this (users:manage). Nothing was changed.",
    });
  });

  it("zh-CN: a route handler's 400 and 404 answers are in Chinese too; en as before", async () => {
    state.check = { ok: true, actor: oncall.actor as never, origin: oncall.origin! };
    const bad = () => streamsRoute.GET(new Request("http://localhost/api/streams?pageSize=7&q=a%07b"));
    state.locale = "zh-CN";
    const zh = await bad();
    expect(zh.status).toBe(400);
    expect(await zh.json()).toMatchObject({
      code: "InvalidInput",
      message: "直播流列表的查询条件无效。",
      fieldErrors: {
        pageSize: ["每页条数必须是以下之一：25, 50, 100, 200"],
        q: ["搜索包含不可见的控制字符 U+0007，请删除后重试"],
      },
    });
    const missing = () =>
      jobRoute.GET(new Request("http://localhost/api/jobs/x"), {
        params: Promise.resolve({ id: "00000000-0000-4000-8000-000000000000" }),
      });
    expect(await (await missing()).json()).toMatchObject({ code: "NotFound", message: "没有此 ID 的批量任务。" });
    state.locale = "en";
    expect(await (await bad()).json()).toMatchObject({
      message: "The stream list query is not valid.",
      fieldErrors: { pageSize: ["pageSize must be one of 25, 50, 100, 200"] },
    });
    expect(await (await missing()).json()).toMatchObject({ message: "No bulk job with this id." });
  });
});
