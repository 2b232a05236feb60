import type { SimTask } from "../types";
import type { BindCallbacksInput } from "./callbacks";
import type { SimulatorOptions } from "./index";
import type { RateWindow } from "./rate-windows";

// What the simulator's worker thread (./thread-entry.ts) and its host (./thread.ts) say to each other. Only
// plain data crosses: the worker keeps the state, the host asks for copies of it.

export interface ThreadStart {
  options: SimulatorOptions;
  /** Bound before "ready", so no call can reach the simulator while it has no callback rule yet. */
  callbacks?: BindCallbacksInput;
}

export type ThreadReady =
  { type: "ready"; url: string; port: number; threadId: number } | { type: "failed"; message: string; code?: string };

/** The read-only questions a host may ask; each answer is the in-process method's return value. */
export interface ThreadQueries {
  listTasks(): SimTask[];
  callCount(action?: string): number;
  rateWindows(action: string): RateWindow[];
}

export type ThreadRequest = {
  [K in keyof ThreadQueries]: { id: number; query: K; args: Parameters<ThreadQueries[K]> };
}[keyof ThreadQueries];

export interface ThreadAnswer {
  id: number;
  value?: unknown;
  error?: string;
}
