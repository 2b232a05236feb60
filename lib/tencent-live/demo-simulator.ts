import "server-only";
import { randomBytes } from "node:crypto";
import { getConfig } from "@/lib/config";
import { startSimulator } from "./simulator";
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

function start(): Promise<RunningSimulator> {
  const { simulator } = getConfig();
  return startSimulator({
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
  });
}
