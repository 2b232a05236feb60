import { describe, expect, it } from "vitest";
import { jobRateCeiling } from "@/lib/bulk/job-rate-ceiling";

const limits = (legacy: number, recordTask: number) => ({
  legacy: { items: legacy, perSecond: 200 },
  recordTask: { items: recordTask, perSecond: 20 },
});

describe("the best rate a bulk job can reach", () => {
  it("is StopLiveRecord's limit for legacy tasks alone, and StopRecordTask's for RecordTasks alone", () => {
    expect(jobRateCeiling(limits(1000, 0))).toBe(200);
    expect(jobRateCeiling(limits(0, 40))).toBe(20);
    expect(jobRateCeiling(limits(0, 0))).toBe(200);
  });

  it("is the items over the slower lane's time when both families are in the job", () => {
    // 1,000 / 200 = 5 s and 200 / 20 = 10 s side by side: 1,200 items in 10 s.
    expect(jobRateCeiling(limits(1000, 200))).toBe(120);
    // The legacy lane is the slower one: 4,000 / 200 = 20 s against 10 / 20 = 0.5 s.
    expect(jobRateCeiling(limits(4000, 10))).toBeCloseTo(200.5, 10);
  });
});
