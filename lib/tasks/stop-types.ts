import type { ActionResult } from "@/lib/action-result";
import type { LiveClient } from "@/lib/tencent-live/client";
import type { TaskState } from "./definitions";

export interface StopTaskDeps {
  getClient: () => Promise<LiveClient>;
  /** How long a second Stop waits for the first one's outcome. Default 30 s (the client may retry a few times). */
  joinWaitMs?: number;
  pollMs?: number;
  /** Single Stops waiting for the rate limit at once before RecDesk.Busy; default SINGLE_STOP_QUEUE_BOUND. */
  stopQueueBound?: number;
}

export interface StopTaskOptions {
  /** Stop by ID: a TaskId RecDesk has not seen is registered (source "registered") before the call. */
  registerIfMissing?: boolean;
  via?: "list" | "by-id";
}

export interface StopSuccess {
  taskId: string;
  streamName: string;
  state: TaskState;
  /** Another Stop made the upstream call; this is its outcome. */
  coalesced?: boolean;
  /** The task had already stopped; nothing was sent. requestId is the earlier Stop's, if RecDesk made it. */
  alreadyStopped?: boolean;
}

export type StopTaskResult = ActionResult<StopSuccess>;
