import { describe, expect, it } from "vitest";
import { createBatchWriter } from "@/lib/bulk/outcome-writer";

// The worker's one writer of answered Stops, on its own: batches grow while a write is busy.
describe("createBatchWriter", () => {
  function gate() {
    let open!: () => void;
    const opened = new Promise<void>((r) => (open = r));
    return { open, opened };
  }

  it("writes the first answer at once and everything that arrived meanwhile as one batch", async () => {
    const batches: number[][] = [];
    const first = gate();
    const writer = createBatchWriter<number>(async (batch) => {
      batches.push(batch);
      if (batches.length === 1) await first.opened;
    });
    writer.push(1);
    for (let i = 2; i <= 40; i++) writer.push(i);
    expect(writer.pending()).toBe(40);
    first.open();
    while (writer.pending() > 0) await new Promise((r) => setTimeout(r, 1));
    expect(batches).toEqual([[1], Array.from({ length: 39 }, (_, i) => i + 2)]);
  });

  it("never writes more than maxBatch at once, and keeps order", async () => {
    const batches: number[][] = [];
    const first = gate();
    const writer = createBatchWriter<number>(async (batch) => {
      batches.push(batch);
      if (batches.length === 1) await first.opened;
    }, 3);
    for (let i = 1; i <= 8; i++) writer.push(i);
    first.open();
    while (writer.pending() > 0) await new Promise((r) => setTimeout(r, 1));
    expect(batches).toEqual([[1], [2, 3, 4], [5, 6, 7], [8]]);
  });

  it("goes on writing after a write that threw", async () => {
    const written: number[] = [];
    const writer = createBatchWriter<number>(async (batch) => {
      if (batch.includes(1)) throw new Error("database blinked");
      written.push(...batch);
    });
    writer.push(1);
    await new Promise((r) => setTimeout(r, 5));
    writer.push(2);
    while (writer.pending() > 0) await new Promise((r) => setTimeout(r, 1));
    expect(written).toEqual([2]);
  });
});
