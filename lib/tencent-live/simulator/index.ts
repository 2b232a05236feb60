// WIP placeholder so the contract compiles; replaced by the real simulator in the next commit.
import type { RunningSimulator } from "../types";
export type { RunningSimulator, SimTask } from "../types";

export interface SimulatorOptions {
  port?: number;
  host?: string;
  secretId?: string;
  secretKey?: string;
  sessionToken?: string;
  streams?: number;
  tasks?: number;
  taskIdBase?: string;
  seed?: number;
  latencyMs?: number;
  control?: boolean;
  rateLimits?: Partial<Record<string, number>>;
}

export async function startSimulator(o: SimulatorOptions): Promise<RunningSimulator> {
  throw new Error(`simulator not implemented yet (${JSON.stringify(Object.keys(o))})`);
}
