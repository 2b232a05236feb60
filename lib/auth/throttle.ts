import "server-only";
import { and, desc, eq, gt, inArray, lt } from "drizzle-orm";
import type { Database } from "@/lib/db/types";
import { signInFailures } from "@/lib/db/schema/users";

/** 5 failed sign-ins within a minute, per account and per client address, close the door for the rest of it. */
export const THROTTLE_LIMIT = 5;
export const THROTTLE_WINDOW_MS = 60_000;

export interface ThrottleKeys {
  email: string;
  clientIp?: string;
}

function keysOf({ email, clientIp }: ThrottleKeys): string[] {
  return clientIp ? [`email:${email.trim().toLowerCase()}`, `ip:${clientIp}`] : [`email:${email.trim().toLowerCase()}`];
}

export type ThrottleState = { limited: false } | { limited: true; retryAt: Date; retryAfterSeconds: number; scope: "account" | "address" };

/**
 * Whether a sign-in may be attempted now. The window slides: the door opens again one minute after the oldest
 * of the failures that filled it, which is what the "retry at" time says.
 */
export async function checkThrottle(db: Database, keys: ThrottleKeys, now = new Date()): Promise<ThrottleState> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  let worst: ThrottleState = { limited: false };
  for (const key of keysOf(keys)) {
    const recent = await db
      .select({ at: signInFailures.at })
      .from(signInFailures)
      .where(and(eq(signInFailures.key, key), gt(signInFailures.at, since)))
      .orderBy(desc(signInFailures.at))
      .limit(THROTTLE_LIMIT);
    if (recent.length < THROTTLE_LIMIT) continue;
    // The count drops under the limit once the 5th most recent failure leaves the window.
    const retryAt = new Date(recent[THROTTLE_LIMIT - 1]!.at.getTime() + THROTTLE_WINDOW_MS);
    if (!worst.limited || retryAt > worst.retryAt) {
      worst = {
        limited: true,
        retryAt,
        retryAfterSeconds: Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000)),
        scope: key.startsWith("ip:") ? "address" : "account",
      };
    }
  }
  return worst;
}

/**
 * Counts an attempt against the limit before its (slow, scrypt) password check, so a burst of parallel guesses
 * cannot all pass the check before any of them is recorded: each attempt takes its place in line (by id), and
 * one that finds the limit already filled ahead of it is throttled and withdrawn. A password that turns out
 * right withdraws its attempt again (`withdrawAttempt`); a wrong one leaves it as the failure.
 */
export async function reserveAttempt(db: Database, keys: ThrottleKeys, now = new Date()): Promise<{ ids: number[]; throttle: ThrottleState }> {
  const mine = await db.insert(signInFailures).values(keysOf(keys).map((key) => ({ key, at: now }))).returning({ id: signInFailures.id, key: signInFailures.key });
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  let worst: ThrottleState = { limited: false };
  for (const { id, key } of mine) {
    const ahead = await db
      .select({ at: signInFailures.at })
      .from(signInFailures)
      .where(and(eq(signInFailures.key, key), gt(signInFailures.at, since), lt(signInFailures.id, id)))
      .orderBy(desc(signInFailures.id))
      .limit(THROTTLE_LIMIT);
    if (ahead.length < THROTTLE_LIMIT) continue;
    const retryAt = new Date(Math.min(...ahead.map((a) => a.at.getTime())) + THROTTLE_WINDOW_MS);
    if (!worst.limited || retryAt > worst.retryAt) {
      worst = { limited: true, retryAt, retryAfterSeconds: Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000)), scope: key.startsWith("ip:") ? "address" : "account" };
    }
  }
  const ids = mine.map((m) => m.id);
  if (worst.limited) await withdrawAttempt(db, ids);
  return { ids, throttle: worst };
}

/** Takes back an attempt that was not a failure after all (the right password, or a throttled one). */
export async function withdrawAttempt(db: Database, ids: number[]): Promise<void> {
  if (ids.length > 0) await db.delete(signInFailures).where(inArray(signInFailures.id, ids));
}

export async function recordSignInFailure(db: Database, keys: ThrottleKeys, now = new Date()): Promise<void> {
  await db.insert(signInFailures).values(keysOf(keys).map((key) => ({ key, at: now })));
  await pruneSignInFailures(db, now);
}

/** Keeps the table small: nothing older than the window is ever read again. */
export async function pruneSignInFailures(db: Database, now = new Date()): Promise<void> {
  await db.delete(signInFailures).where(lt(signInFailures.at, new Date(now.getTime() - 10 * THROTTLE_WINDOW_MS)));
}

/** A successful sign-in forgives the account's recent typos (not the address's: it may be guessing many accounts). */
export async function clearAccountFailures(db: Database, email: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.key, `email:${email.trim().toLowerCase()}`));
}
