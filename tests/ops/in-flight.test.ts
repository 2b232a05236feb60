import { describe, expect, it } from "vitest";
import { trackInFlight, waitForInFlight } from "@/lib/observability/in-flight";

// What SIGTERM waits for: actions in flight (a single Stop between its intent and its outcome).

describe("calls in flight at shutdown", () => {
  it("waits for a call to finish and record its outcome, then answers 0", async () => {
    const order: string[] = [];
    let finish!: () => void;
    const call = trackInFlight(async () => {
      await new Promise<void>((resolve) => (finish = resolve));
      order.push("outcome recorded");
    });
    const waited = waitForInFlight(60_000).then((left) => {
      order.push("shutdown goes on");
      return left;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(order).toEqual([]);
    finish();
    await call;
    expect(await waited).toBe(0);
    expect(order).toEqual(["outcome recorded", "shutdown goes on"]);
  });

  it("gives up at the grace period and says how many were still running", async () => {
    let finish!: () => void;
    const call = trackInFlight(() => new Promise<void>((resolve) => (finish = resolve)));
    expect(await waitForInFlight(30)).toBe(1);
    finish();
    await call;
    expect(await waitForInFlight(30)).toBe(0);
  });
});
