import "server-only";
import { getDb } from "@/lib/db";
import { getOnlineStreamCache } from "@/lib/streams/online-cache";
import { createCallbackQueue, type CallbackQueue } from "./queue";
import { createEventStore, type StoreEvent } from "./store";

const KEY = Symbol.for("recdesk.callbacks.queue");

/** The process-wide callback queue (on globalThis, so every bundle of one server process shares it). */
export function getCallbackQueue(): CallbackQueue {
  const g = globalThis as unknown as Record<symbol, CallbackQueue | undefined>;
  g[KEY] ??= createCallbackQueue({ getDb, streamsChanged: () => getOnlineStreamCache().invalidate() });
  return g[KEY];
}

const STORE_KEY = Symbol.for("recdesk.callbacks.store");

/** The process-wide event store, so concurrent callbacks share its group commit. */
export function getCallbackStore(): StoreEvent {
  const g = globalThis as unknown as Record<symbol, StoreEvent | undefined>;
  g[STORE_KEY] ??= createEventStore(getDb);
  return g[STORE_KEY];
}

/** Start-up: process what a crash left unprocessed, then keep an eye out for leftovers. */
export async function startCallbackProcessing(): Promise<void> {
  getCallbackQueue().start();
}
