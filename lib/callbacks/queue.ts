import "server-only";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { callbackEvents } from "@/lib/db/schema/callbacks";
import type { Database } from "@/lib/db/types";
import { componentLogger } from "@/lib/observability/logger";
import { processCallbackBatch, type ProcessDeps } from "./process";

export interface CallbackQueueOptions extends ProcessDeps {
  getDb: () => Promise<Database>;
  batchSize?: number;
  /** How long a notification waits for more before processing starts; default 20 ms. */
  gatherMs?: number;
  /** How often leftovers are looked for without being told (a crash, another instance, a failed batch). */
  sweepEveryMs?: number;
}

export interface CallbackQueue {
  /** A new event was stored: process it (and anything else unprocessed) soon. */
  notify(): void;
  /** Resolves once nothing is left to process; for tests, the bench and shutdown. */
  idle(): Promise<void>;
  /** Looks for unprocessed rows now and then every sweepEveryMs (start-up: picks up what a crash left). */
  start(): void;
  stop(): void;
}

/**
 * The in-process worker behind "store first, process afterwards". The database is the queue: a row with no
 * processed_at is work to do, so the in-memory part is only a wake-up signal and nothing is lost with the
 * process. One drain runs at a time; notifications during a drain make it look again before it stops.
 * Processing is idempotent (files and status events are keyed by file id and event id), so a row processed
 * twice, by two instances or after a crash between its effects and its mark, changes nothing more.
 */
export function createCallbackQueue(opts: CallbackQueueOptions): CallbackQueue {
  const batchSize = opts.batchSize ?? 50;
  let draining: Promise<void> | undefined;
  let again = false;
  let timer: ReturnType<typeof setInterval> | undefined;

  async function drainOnce(): Promise<number> {
    const db = await opts.getDb();
    const rows = await db
      .select({ id: callbackEvents.id, rawBody: callbackEvents.rawBody })
      .from(callbackEvents)
      .where(isNull(callbackEvents.processedAt))
      .orderBy(asc(callbackEvents.id))
      .limit(batchSize);
    if (rows.length === 0) return 0;
    // One transaction per batch: the files, the statuses, the task moves and the marks commit together, which is
    // also one commit instead of several (what PGlite, writing on the server's own thread, pays for most).
    await db.transaction(async (tx) => {
      const outcome = await processCallbackBatch(tx, rows, opts);
      const done = [...outcome].filter(([, error]) => error === null).map(([id]) => id);
      for (const [id, error] of outcome)
        if (error !== null)
          await tx
            .update(callbackEvents)
            .set({ processedAt: sql`now()`, processError: error.slice(0, 2_000) })
            .where(and(eq(callbackEvents.id, id), isNull(callbackEvents.processedAt)));
      if (done.length > 0)
        await tx
          .update(callbackEvents)
          .set({ processedAt: sql`now()` })
          .where(inArray(callbackEvents.id, done));
    });
    return rows.length;
  }

  async function drain(): Promise<void> {
    // A short wait lets a burst gather into one batch instead of a transaction per callback.
    await new Promise((r) => setTimeout(r, opts.gatherMs ?? 20));
    for (;;) {
      again = false;
      const n = await drainOnce();
      if (n < batchSize && !again) return;
    }
  }

  function notify(): void {
    if (draining) {
      again = true;
      return;
    }
    draining = drain()
      .catch((err: unknown) => {
        // The rows stay unprocessed; the next notification or sweep tries them again.
        componentLogger("callbacks").error(
          { event: "callback.process_failed", err: (err as Error).message },
          "processing callbacks failed, will retry",
        );
      })
      .finally(() => {
        draining = undefined;
      });
  }

  return {
    notify,
    async idle() {
      while (draining) await draining;
    },
    start() {
      notify();
      timer ??= setInterval(notify, opts.sweepEveryMs ?? 30_000);
      timer.unref?.();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
