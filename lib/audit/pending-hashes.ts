import type { Database } from "@/lib/db/types";

/*
 * The intent hash of every record this process began and has not finished yet, per database handle. An outcome
 * hash covers its intent's hash; the intent is immutable once committed (the append-only trigger), so the hash
 * this process computed and committed is the one in the row, and finishing needs no read of it. Anything not
 * here (another process's intent, a restart, an evicted entry) is read from the table as before.
 */

// A bulk job begins a batch at a time and finishes it within the batch; intents a crash left behind are few.
// Past this bound the oldest entries go: they would only cost a read again.
const MAX_REMEMBERED = 10_000;

const remembered = new WeakMap<Database, Map<number, string>>();

/** Call only once the intents' transaction has committed: a rolled-back hash must never be remembered. */
export function rememberIntentHashes(db: Database, entries: { id: number; hash: string }[]): void {
  let byId = remembered.get(db);
  if (!byId) remembered.set(db, (byId = new Map()));
  for (const { id, hash } of entries) byId.set(id, hash);
  for (const id of byId.keys()) {
    if (byId.size <= MAX_REMEMBERED) break;
    byId.delete(id);
  }
}

/** The remembered hashes of `ids`, or null if any of them is not remembered (the caller then reads them all). */
export function rememberedIntentHashes(db: Database, ids: number[]): Map<number, string> | null {
  const byId = remembered.get(db);
  if (!byId) return null;
  const out = new Map<number, string>();
  for (const id of ids) {
    const hash = byId.get(id);
    if (hash === undefined) return null;
    out.set(id, hash);
  }
  return out;
}

/** Forgets ids whose outcome was written (or refused): a finished intent is never finished again. */
export function forgetIntentHashes(db: Database, ids: Iterable<number>): void {
  const byId = remembered.get(db);
  if (byId) for (const id of ids) byId.delete(id);
}
