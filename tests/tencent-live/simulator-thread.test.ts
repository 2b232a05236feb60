import { spawnSync } from "node:child_process";
import { threadId } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulatorThread, type SimulatorThread } from "@/lib/tencent-live/simulator/thread";
import { clientFor } from "./helpers";

// Demo mode's simulator runs in a worker thread (lib/tencent-live/simulator/thread.ts) so that serving the Live
// API and posting callbacks does not compete with Next and PGlite for the server's main thread.

let sim: SimulatorThread;
beforeAll(async () => {
  sim = await startSimulatorThread({ streams: 30, tasks: 12, seed: 42, secretId: "AKIDthread", secretKey: "k" });
});
afterAll(() => sim.close());

describe("the simulator in a worker thread", () => {
  it("runs on a thread of its own", () => {
    expect(sim.threadId).not.toBe(threadId);
    expect(sim.threadId).toBeGreaterThan(0);
  });

  it("answers while the calling thread is blocked", () => {
    // spawnSync holds this thread until curl is done: an in-process simulator could not answer at all.
    const r = spawnSync("curl", ["-sS", "-m", "10", "-X", "POST", "-d", "{}", sim.url], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ Response: { Error: { Code: "MissingParameter" } } });
  });

  it("serves the real client and reports its state and calls when asked", async () => {
    const task = (await sim.listTasks()).find((t) => t.state === "recording")!;
    const before = await sim.callCount("StopLiveRecord");
    const stopped = await clientFor(sim).stopLiveRecord({ streamName: task.streamName, taskId: task.taskId });
    expect(stopped.ok).toBe(true);
    expect((await sim.listTasks()).find((t) => t.taskId === task.taskId)?.state).toBe("stopped");
    expect(await sim.callCount("StopLiveRecord")).toBe(before + 1);
    expect((await sim.rateWindows("StopLiveRecord")).reduce((n, w) => n + w.accepted, 0)).toBe(1);
  });

  it("reports a port already taken as the in-process simulator would", async () => {
    await expect(
      startSimulatorThread({ port: sim.port, secretId: "AKIDthread", secretKey: "k" }),
    ).rejects.toMatchObject({ code: "EADDRINUSE" });
  });

  it("closes: the port is released and the thread has exited", async () => {
    const other = await startSimulatorThread({ secretId: "AKIDthread2", secretKey: "k" });
    await other.close();
    await expect(fetch(other.url, { method: "POST" })).rejects.toThrow();
    // Exit code 0: the thread closed its server and ended on its own (close() terminating it would give 1).
    await expect(other.listTasks()).rejects.toThrow(/exited \(0\)/);
  });
});
