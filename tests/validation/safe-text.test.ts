import { describe, expect, it } from "vitest";
import { z } from "zod";
import { codePointLength, recordableText, safeText } from "@/lib/validation/safe-text";
import { StopTaskInputSchema, StartRecordingInputSchema, RegisterTaskInputSchema } from "@/lib/tasks/schemas";
import { DomainNameSchema, StreamNameSchema, TaskIdSchema } from "@/lib/tencent-live/validation";
import { SignInCredentialsSchema } from "@/lib/auth/sign-in-input";
import { EmailSchema, NameSchema, PasswordSchema } from "@/lib/auth/users";
import { parseAuditFilters } from "@/lib/audit/filters";
import { parseStreamsQuery } from "@/lib/streams/query";
import { BulkSelectionSchema } from "@/lib/bulk/selection-types";

const EMOJI = "\u{1F600}";
const LONE_HIGH = "\uD83D";
const LONE_LOW = "\uDE00";

// Every character class the edge must refuse in single-line text, each inside otherwise valid text.
const BAD_SINGLE_LINE = [
  "\u0000",
  "\u0001",
  "\t",
  "\n",
  "\r",
  "\u001B",
  "\u007F",
  "\u0085",
  "\u009F",
  "\u2028",
  "\u202E",
  "\u2066",
  LONE_HIGH,
  LONE_LOW,
];

function messages(result: z.ZodSafeParseResult<unknown>): string[] {
  return result.success ? [] : result.error.issues.map((i) => i.message);
}

describe("safeText, the one rule for user-typed text", () => {
  const Reason = safeText({ label: "Reason", min: 3, max: 10 });

  it.each(BAD_SINGLE_LINE.map((c) => [JSON.stringify(c), c]))(
    "refuses %s with one field error naming the field",
    (_name, c) => {
      const m = messages(Reason.safeParse(`ab${c}cd`));
      expect(m).toHaveLength(1);
      expect(m[0]).toMatch(
        /^Reason contains (an unpaired surrogate \(half of an emoji or other character\)|the invisible control character U\+[0-9A-F]{4}); remove it and try again$/,
      );
    },
  );

  it("counts length in code points: an emoji is one character, and a pair is never refused as a surrogate", () => {
    expect(codePointLength(EMOJI.repeat(10))).toBe(10);
    expect(Reason.safeParse(EMOJI.repeat(10)).success).toBe(true);
    expect(messages(Reason.safeParse(EMOJI.repeat(11)))).toEqual(["Reason must be at most 10 characters"]);
    expect(messages(Reason.safeParse("  a "))).toEqual(["Reason must be at least 3 characters"]);
  });

  it("keeps TAB, LF and CR in multi-line text but still refuses NUL and the rest", () => {
    const Note = safeText({ label: "Note", max: 50, multiline: true });
    expect(Note.safeParse("line one\n\tline two\r\n").success).toBe(true);
    expect(messages(Note.safeParse("a\u0000b"))).toEqual([
      "Note contains the invisible control character U+0000; remove it and try again",
    ]);
    expect(Note.safeParse(`a${LONE_LOW}b`).success).toBe(false);
  });

  it("refuses what is not a string with a message, not a crash", () => {
    for (const v of [undefined, null, 12, {}, [], true])
      expect(messages(Reason.safeParse(v))).toEqual(["Reason must be text"]);
  });

  it("makes a refused value recordable: no lone surrogate or control left, clipped by code point", () => {
    const typed = "a".repeat(253) + EMOJI;
    expect(recordableText(typed, 254)).toBe(typed);
    expect(recordableText(typed, 253)).toBe("a".repeat(253));
    expect(recordableText(`x${LONE_HIGH}\u0000y`, 10)).toBe("x\uFFFD\uFFFDy");
    expect(recordableText(`x${LONE_HIGH}\u0000y`, 10).isWellFormed()).toBe(true);
  });
});

describe("every schema at the edge uses it", () => {
  const validStop = { taskId: "12", streamName: "s1", reason: "runaway" };

  it.each(BAD_SINGLE_LINE.map((c) => [JSON.stringify(c), c]))(
    "refuses %s in every text field of Stop, Register, Start and sign-in",
    (_n, c) => {
      for (const field of ["taskId", "streamName", "reason", "appName", "domainName"]) {
        expect(StopTaskInputSchema.safeParse({ ...validStop, [field]: `ab${c}cd` }).success, field).toBe(false);
      }
      expect(RegisterTaskInputSchema.safeParse({ taskId: "12", streamName: "s1", note: `ab${c}cd` }).success).toBe(
        ["\t", "\n", "\r"].includes(c),
      );
      const start = {
        streamName: "s1",
        appName: "live",
        domainName: "push.example.com",
        mode: "realtime",
        timeZone: "UTC",
        fileFormat: "flv",
        recordType: "video",
      };
      expect(StartRecordingInputSchema.safeParse({ ...start, timeZone: `UT${c}C` }).success).toBe(false);
      expect(StartRecordingInputSchema.safeParse({ ...start, reason: `why${c}not` }).success).toBe(false);
      expect(SignInCredentialsSchema.safeParse({ email: `a${c}@example.com`, password: "x" }).success).toBe(false);
      expect(SignInCredentialsSchema.safeParse({ email: "a@example.com", password: `pass${c}word` }).success).toBe(
        false,
      );
      expect(EmailSchema.safeParse(`a${c}b@example.com`).success).toBe(false);
      expect(NameSchema.safeParse(`A${c}da`).success).toBe(false);
      expect(PasswordSchema.safeParse(`long-enough-${c}-password`).success).toBe(false);
      expect(BulkSelectionSchema.safeParse({ kind: "ids", taskIds: [`1${c}2`] }).success).toBe(false);
      expect(BulkSelectionSchema.safeParse({ kind: "filter", filters: { stream: `s${c}t` } }).success).toBe(false);
      // A query string cannot carry a lone surrogate (URL decoding makes it U+FFFD), but a page's searchParams object is checked alike.
      const audit = parseAuditFilters({ q: `x${c}y`, actor: `a${c}b`, stream: `s${c}t` });
      expect(audit.ok).toBe(false);
      if (!audit.ok) expect(Object.keys(audit.fieldErrors).sort()).toEqual(["actor", "q", "stream"]);
      if (!c.match(/\p{Cs}/u)) expect(parseStreamsQuery(new URLSearchParams({ q: `x${c}y` })).success).toBe(false);
    },
  );

  it("refuses an impossible start time even when real-time mode would ignore it (found by the fuzzer)", () => {
    const start = {
      streamName: "s1",
      appName: "live",
      domainName: "push.example.com",
      mode: "realtime",
      timeZone: "UTC",
      fileFormat: "flv",
      recordType: "video",
    };
    expect(StartRecordingInputSchema.safeParse({ ...start, startLocal: "2026-02-31T25:00" }).success).toBe(false);
    expect(StartRecordingInputSchema.safeParse({ ...start, startLocal: "2026-12-02T10:00" }).success).toBe(true);
  });

  it("refuses the 253 × a + emoji email by its length only when it is too long in code points", () => {
    expect(SignInCredentialsSchema.safeParse({ email: "a".repeat(253) + EMOJI, password: "x" }).success).toBe(true);
    expect(SignInCredentialsSchema.safeParse({ email: "a".repeat(254) + EMOJI, password: "x" }).success).toBe(false);
    expect(SignInCredentialsSchema.safeParse({ email: "a".repeat(253) + LONE_HIGH, password: "x" }).success).toBe(
      false,
    );
  });

  it("refuses TaskIds that are not plain decimal numbers in range", () => {
    for (const bad of [
      "0",
      "-1",
      "18446744073709551616",
      "1e3",
      "0x10",
      "+5",
      "١٢",
      "１２",
      "12\u0000",
      `1${LONE_HIGH}`,
      "9".repeat(41),
    ]) {
      expect(TaskIdSchema.safeParse(bad).success, bad).toBe(false);
    }
    expect(TaskIdSchema.safeParse("18446744073709551615").data).toBe("18446744073709551615");
    expect(TaskIdSchema.safeParse(" 12").error?.issues.map((i) => i.message)).toEqual([
      "TaskId must not start or end with a space",
    ]);
  });

  it("takes page numbers and cursors as plain digits only", () => {
    for (const bad of ["1e3", " 12", "0x10", "1.5", "-1", "١٢"]) {
      expect(parseStreamsQuery(new URLSearchParams({ page: bad })).success, bad).toBe(false);
      expect(parseAuditFilters({ before: bad }).ok, bad).toBe(false);
    }
    expect(parseStreamsQuery(new URLSearchParams({ page: "3", pageSize: "100" })).data).toMatchObject({
      page: 3,
      pageSize: 100,
    });
  });

  it("keeps the names' own rules after the shared one", () => {
    expect(messages(StreamNameSchema.safeParse("a/b"))).toEqual([
      "StreamName may contain letters, digits and _ . ~ ! * ( ) @ + = , : -",
    ]);
    expect(messages(StreamNameSchema.safeParse(""))).toEqual(["StreamName is required"]);
    // Found by the fuzzer: a name that is a path segment of its own.
    expect(messages(StreamNameSchema.safeParse(".."))).toEqual([
      "StreamName cannot be . or .. (a URL path would resolve it away)",
    ]);
    expect(StreamNameSchema.safeParse("...").success).toBe(true);
    expect(StreamNameSchema.safeParse("a..b").success).toBe(true);
    expect(DomainNameSchema.safeParse("Push.Example.COM").data).toBe("push.example.com");
  });
});
