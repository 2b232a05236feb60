import "server-only";
import { randomBytes } from "node:crypto";
import { DEMO_CALLBACK_KEY } from "@/lib/callbacks/demo-key";
import { getConfig } from "@/lib/config";
import { startSimulator, type Simulator } from "./simulator";
import type { RunningSimulator } from "./types";

const KEY = Symbol.for("recdesk.tencent-live.demo-simulator");

/**
 * Demo mode's stand-in for Tencent Cloud: started once per process on 127.0.0.1, with credentials made
 * up at random for this process (never logged, never written anywhere) so nothing else on the machine
 * can drive it unless the control API is deliberately enabled.
 */
export function ensureDemoSimulator(): Promise<RunningSimulator> {
  const g = globalThis as unknown as Record<symbol, Promise<RunningSimulator> | undefined>;
  g[KEY] ??= start().catch((err: unknown) => {
    g[KEY] = undefined;
    throw err;
  });
  return g[KEY];
}

async function start(): Promise<RunningSimulator> {
  const { simulator } = getConfig();
  const sim = await startSimulator({
    host: "127.0.0.1",
    port: simulator.port,
    secretId: `AKIDdemo${randomBytes(12).toString("hex")}`,
    secretKey: randomBytes(24).toString("base64url"),
    streams: simulator.streams,
    tasks: simulator.tasks,
    seed: simulator.seed,
    latencyMs: simulator.latencyMs,
    control: simulator.control,
  });
  bindDemoCallbacks(sim, process.env.PORT);
  return sim;
}

/**
 * Demo mode points the simulator's callbacks at RecDesk's own endpoint, signed with the demo key, so a Stop
 * makes the recording's file appear with no set-up. Next sets PORT before the server initializes (and so
 * before this runs); without it (tests, scripts) there is no endpoint to call and nothing is bound.
 */
export function bindDemoCallbacks(sim: Pick<Simulator, "bindCallbacks">, port: string | undefined): string | undefined {
  if (!port || !/^\d{1,5}$/.test(port) || Number(port) === 0) return undefined;
  const url = `http://127.0.0.1:${port}/api/callbacks/live`;
  sim.bindCallbacks({ url, key: DEMO_CALLBACK_KEY });
  return url;
}
