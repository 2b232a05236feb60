import "server-only";
import { sql } from "drizzle-orm";
import { callbackEvents } from "@/lib/db/schema/callbacks";
import type { Database } from "@/lib/db/types";

export interface EventToStore {
  dedupKey: string;
  eventType: number;
  rawBody: string;
}

export interface StoredEvent {
  id: number;
  /** False when this delivery repeats an event already stored (a Tencent retry). */
  isNew: boolean;
}

export type StoreEvent = (event: EventToStore) => Promise<StoredEvent>;

/**
 * Keeps each event once, however many times Tencent delivers it (a repeat only counts the delivery), with a
 * group commit: while one INSERT runs, the events arriving meanwhile wait and go in the next one, as a single
 * multi-row statement, and the first waits gatherMs for company. At a few per second that is one row per
 * statement, as before; under a burst it turns
 * hundreds of single-row transactions into a handful, which is what lets PGlite (one connection, on the server's
 * own thread) keep up. Each caller still learns only once its own row is committed.
 */
export function createEventStore(
  getDb: () => Promise<Database>,
  { maxBatch = 500, gatherMs = 5 }: { maxBatch?: number; gatherMs?: number } = {},
): StoreEvent {
  type Waiter = { event: EventToStore; resolve: (s: StoredEvent) => void; reject: (e: unknown) => void };
  let waiting: Waiter[] = [];
  let writing = false;

  async function writeBatch(batch: Waiter[]): Promise<void> {
    // One row per event in a statement: Postgres refuses to upsert the same key twice in one INSERT.
    const byKey = new Map<string, Waiter[]>();
    for (const w of batch) {
      const same = byKey.get(w.event.dedupKey);
      if (same) same.push(w);
      else byKey.set(w.event.dedupKey, [w]);
    }
    try {
      const db = await getDb();
      const rows = await db
        .insert(callbackEvents)
        .values([...byKey.values()].map((ws) => ({ ...ws[0]!.event, deliveries: ws.length })))
        .onConflictDoUpdate({
          target: callbackEvents.dedupKey,
          set: {
            deliveries: sql`${callbackEvents.deliveries} + excluded.deliveries`,
            lastDeliveryAt: sql`now()`,
          },
        })
        .returning({ id: callbackEvents.id, dedupKey: callbackEvents.dedupKey, deliveries: callbackEvents.deliveries });
      for (const row of rows) {
        const ws = byKey.get(row.dedupKey) ?? [];
        // Inserted now (not already there): the first of this batch's copies is the new one.
        const inserted = row.deliveries === ws.length;
        ws.forEach((w, i) => w.resolve({ id: row.id, isNew: inserted && i === 0 }));
      }
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  }

  async function drain(): Promise<void> {
    writing = true;
    try {
      // A few milliseconds more per callback (Tencent waits 20 s) buy several rows per commit under load.
      if (gatherMs > 0) await new Promise((r) => setTimeout(r, gatherMs));
      while (waiting.length > 0) {
        const batch = waiting.slice(0, maxBatch);
        waiting = waiting.slice(batch.length);
        await writeBatch(batch);
      }
    } finally {
      writing = false;
    }
  }

  return (event) =>
    new Promise<StoredEvent>((resolve, reject) => {
      waiting.push({ event, resolve, reject });
      if (!writing) void drain();
    });
}
