import "server-only";
import { randomBytes } from "node:crypto";
import { DEMO_CALLBACK_KEY } from "@/lib/callbacks/demo-key";
import { getConfig } from "@/lib/config";
import { componentLogger } from "@/lib/observability/logger";
import type { BindCallbacksInput } from "./simulator/callbacks";
import { startSimulatorThread, type SimulatorThread } from "./simulator/thread";

const KEY = Symbol.for("recdesk.tencent-live.demo-simulator");

/**
 * Demo mode's stand-in for Tencent Cloud: started once per process on 127.0.0.1, with credentials made
 * up at random for this process (never logged, never written anywhere) so nothing else on the machine
 * can drive it unless the control API is deliberately enabled.
 *
 * It runs in a worker thread: during a bulk stop its HTTP serving and callback posting would otherwise take
 * a large share of the one thread that also runs Next's requests and PGlite (README, Benchmarks).
 */
export function ensureDemoSimulator(): Promise<SimulatorThread> {
  const g = globalThis as unknown as Record<symbol, Promise<SimulatorThread> | undefined>;
  g[KEY] ??= start().catch((err: unknown) => {
    g[KEY] = undefined;
    throw err;
  });
  return g[KEY];
}

async function start(): Promise<SimulatorThread> {
  const { simulator } = getConfig();
  const sim = await startSimulatorThread(
    {
      host: "127.0.0.1",
      port: simulator.port,
      secretId: `AKIDdemo${randomBytes(12).toString("hex")}`,
      secretKey: randomBytes(24).toString("base64url"),
      streams: simulator.streams,
      tasks: simulator.tasks,
      recordTasks: simulator.recordTasks,
      seed: simulator.seed,
      latencyMs: simulator.latencyMs,
      control: simulator.control,
    },
    demoCallbacks(process.env.PORT),
  );
  componentLogger("demo").info(
    { event: "demo.simulator", url: sim.url, threadId: sim.threadId },
    "demo simulator listening, on a thread of its own",
  );
  return sim;
}

/**
 * Demo mode points the simulator's callbacks at RecDesk's own endpoint, signed with the demo key, so a Stop
 * makes the recording's file appear with no set-up. Next sets PORT before the server initializes (and so
 * before this runs); without it (tests, scripts) there is no endpoint to call and nothing is bound.
 */
export function demoCallbacks(port: string | undefined): BindCallbacksInput | undefined {
  if (!port || !/^\d{1,5}$/.test(port) || Number(port) === 0) return undefined;
  return { url: `http://127.0.0.1:${port}/api/callbacks/live`, key: DEMO_CALLBACK_KEY };
}
