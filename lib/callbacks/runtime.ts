import "server-only";
import { getDb } from "@/lib/db";
import { getOnlineStreamCache } from "@/lib/streams/online-cache";
import { createCallbackQueue, type CallbackQueue } from "./queue";

const KEY = Symbol.for("recdesk.callbacks.queue");

/** The process-wide callback queue (on globalThis, so every bundle of one server process shares it). */
export function getCallbackQueue(): CallbackQueue {
  const g = globalThis as unknown as Record<symbol, CallbackQueue | undefined>;
  g[KEY] ??= createCallbackQueue({ getDb, streamsChanged: () => getOnlineStreamCache().invalidate() });
  return g[KEY];
}

/** Start-up: process what a crash left unprocessed, then keep an eye out for leftovers. */
export async function startCallbackProcessing(): Promise<void> {
  getCallbackQueue().start();
}
