import { describe, expect, it } from "vitest";
import { filtersToParams, parseAuditFilters } from "@/lib/audit/filters";

describe("audit filters from the URL", () => {
  it("accepts what the filter form sends, reading zone-less times as UTC", () => {
    const r = parseAuditFilters(
      new URLSearchParams(
        "from=2026-05-01T08:30&to=2026-05-02&actor= Manager@RecDesk.local &action=task.stop&outcome=unknown&stream=cam-7&taskId=18446744073709551615&q=ticket&before=120",
      ),
    );
    expect(r).toMatchObject({
      ok: true,
      filters: {
        from: new Date("2026-05-01T08:30:00Z"),
        to: new Date("2026-05-02T00:00:00Z"),
        actor: "manager@recdesk.local",
        action: "task.stop",
        outcome: "unknown",
        stream: "cam-7",
        taskId: "18446744073709551615",
        q: "ticket",
      },
      cursor: { before: 120 },
    });
  });

  it("treats empty fields as no filter", () => {
    expect(parseAuditFilters({ from: "", action: "", taskId: " " })).toEqual({
      ok: true,
      filters: {},
      cursor: {},
      values: { taskId: " " },
    });
  });

  it("turns a bad date, an unknown action and a malformed TaskId into field errors", () => {
    const r = parseAuditFilters({
      from: "yesterday",
      to: "2026-02-31",
      action: "task.explode",
      outcome: "meh",
      taskId: "12 abc", // neither family's TaskId ("12abc" could be a RecordTask's)
      jobId: "nope",
      before: "-3",
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.fieldErrors).sort()).toEqual(["action", "before", "from", "jobId", "outcome", "taskId", "to"]);
    expect(r.fieldErrors.from![0]).toMatch(/date and time/);
    expect(r.fieldErrors.to![0]).toMatch(/not a real date/);
    expect(r.fieldErrors.action![0]).toMatch(/must be one of/);
    expect(r.values).toMatchObject({ from: "yesterday", action: "task.explode" });
  });

  it("refuses a time range that ends before it starts", () => {
    const r = parseAuditFilters({ from: "2026-05-02", to: "2026-05-01" });
    expect(r).toMatchObject({ ok: false, fieldErrors: { to: ["To must not be before From"] } });
  });

  it("writes filters back to a link, without the cursor unless asked", () => {
    expect(filtersToParams({ taskId: "42", q: "a b" }, { before: 9 }).toString()).toBe("taskId=42&q=a+b&before=9");
  });
});
