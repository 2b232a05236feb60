import "server-only";
import { sql } from "drizzle-orm";
import { callbackEvents } from "@/lib/db/schema/callbacks";
import type { Database } from "@/lib/db/types";

export interface StoredEvent {
  id: number;
  /** False when this delivery repeats an event already stored (a Tencent retry). */
  isNew: boolean;
}

/**
 * Keeps the event once, however many times Tencent delivers it: a repeat only counts the delivery. One
 * statement, so two deliveries racing each other still leave one row.
 */
export async function storeCallbackEvent(
  db: Database,
  event: { dedupKey: string; eventType: number; rawBody: string },
): Promise<StoredEvent> {
  const [row] = await db
    .insert(callbackEvents)
    .values(event)
    .onConflictDoUpdate({
      target: callbackEvents.dedupKey,
      set: { deliveries: sql`${callbackEvents.deliveries} + 1`, lastDeliveryAt: sql`now()` },
    })
    .returning({ id: callbackEvents.id, deliveries: callbackEvents.deliveries });
  return { id: row!.id, isNew: row!.deliveries === 1 };
}
