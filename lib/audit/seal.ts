import { createHash } from "node:crypto";

/**
 * What a successful "Verify integrity" writes into the chain (in its own record's intent, which the next
 * record's prev_hash covers): a digest of every outcome finished up to the last record it checked.
 *
 * Why: an outcome arrives after later records are already chained, so its outcome_hash protects it only
 * against a naive edit; whoever can bypass the trigger could change an outcome and recompute that one hash.
 * Once sealed, changing it also means rewriting the seal, which breaks the chain from the seal onwards.
 */
export interface OutcomeSeal {
  upToId: number;
  /** How many outcomes the digest covers. */
  finished: number;
  /** Records still pending when sealed: left out, they may finish later. */
  pendingIds: number[];
  digest: string;
}

/** "id:outcome_hash" lines in id order, streamed into one SHA-256. */
export class OutcomeDigest {
  private readonly hash = createHash("sha256");
  count = 0;

  add(id: number, outcomeHash: string): void {
    this.hash.update(`${id}:${outcomeHash}\n`);
    this.count += 1;
  }

  digest(): string {
    return this.hash.digest("hex");
  }
}

export function asOutcomeSeal(details: unknown): OutcomeSeal | null {
  const seal = (details as { seal?: unknown } | null)?.seal as Partial<OutcomeSeal> | undefined;
  if (
    !seal ||
    typeof seal.upToId !== "number" ||
    typeof seal.finished !== "number" ||
    typeof seal.digest !== "string" ||
    !Array.isArray(seal.pendingIds)
  )
    return null;
  return seal as OutcomeSeal;
}
