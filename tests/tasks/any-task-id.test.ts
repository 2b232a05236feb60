import { describe, expect, it } from "vitest";
import { AnyTaskIdSchema } from "@/lib/tasks/schemas";

describe("a TaskId of either family (Stop by ID, Delete, bulk ids, the audit filter)", () => {
  it("accepts a legacy decimal TaskId and a RecordTask token", () => {
    expect(AnyTaskIdSchema.safeParse("16093104850681751583").success).toBe(true);
    expect(AnyTaskIdSchema.safeParse("UpTbk5Ut9LTQZ0bU-Cw_XhJHbpsN2kDq1ehUcmO7S4Y0rRVk3GIm6FQ").success).toBe(true);
  });

  it("judges short or number-like ids as mistyped legacy TaskIds, and refuses them", () => {
    for (const v of ["+7", "1e3", "0x10", "1.0", "12abc", "-1", "0", "18446744073709551616", "", " 12"]) {
      expect(AnyTaskIdSchema.safeParse(v).success, v).toBe(false);
    }
  });

  it("refuses a long id with characters no TaskId has", () => {
    expect(AnyTaskIdSchema.safeParse("UpTbk5Ut9LTQZ0bU Cw_XhJHbpsN2kDq1").success).toBe(false);
    expect(AnyTaskIdSchema.safeParse("UpTbk5Ut9LTQZ0bU<script>").success).toBe(false);
  });
});
