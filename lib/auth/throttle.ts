import "server-only";
import { and, desc, eq, gt, inArray, lt } from "drizzle-orm";
import type { Database } from "@/lib/db/types";
import { signInFailures } from "@/lib/db/schema/users";

/**
 * 5 failed sign-ins within a minute close the door for the rest of it — per client address, and per account
 * *from that address*. Never per account alone: then anyone, from anywhere, could keep a chosen person locked
 * out with five wrong passwords a minute. Across addresses an account is slowed down instead (below).
 */
export const THROTTLE_LIMIT = 5;
export const THROTTLE_WINDOW_MS = 60_000;

/**
 * The slow-down across addresses: once an account has THROTTLE_LIMIT failures in the window (from any
 * addresses), every further attempt for it waits SLOWDOWN_STEP_MS per failure beyond the limit before its
 * password is checked, at most SLOWDOWN_MAX_MS. Two seconds is a pause the right person hardly notices, and it
 * caps what a crowd of addresses gains from guessing one account.
 */
export const SLOWDOWN_STEP_MS = 250;
export const SLOWDOWN_MAX_MS = 2_000;

export interface ThrottleKeys {
  email: string;
  clientIp?: string;
}

const normal = (email: string) => email.trim().toLowerCase();
/**
 * Keys that close the door (hard limits). With no known client address (Next fills X-Forwarded-For from the
 * socket, so only a misconfigured proxy gives none) the pair falls back to the account among such requests.
 */
function hardKeysOf({ email, clientIp }: ThrottleKeys): string[] {
  const pair = `account-ip:${normal(email)}|${clientIp ?? ""}`;
  return clientIp ? [pair, `ip:${clientIp}`] : [pair];
}
/** The account across every address: counted for the slow-down only. */
const accountKeyOf = ({ email }: ThrottleKeys) => `email:${normal(email)}`;

export type ThrottleState =
  { limited: false } | { limited: true; retryAt: Date; retryAfterSeconds: number; scope: "account" | "address" };

const scopeOf = (key: string) => (key.startsWith("ip:") ? "address" : "account");

/**
 * Whether a sign-in may be attempted now. The window slides: the door opens again one minute after the oldest
 * of the failures that filled it, which is what the "retry at" time says.
 */
export async function checkThrottle(db: Database, keys: ThrottleKeys, now = new Date()): Promise<ThrottleState> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  let worst: ThrottleState = { limited: false };
  for (const key of hardKeysOf(keys)) {
    const recent = await db
      .select({ at: signInFailures.at })
      .from(signInFailures)
      .where(and(eq(signInFailures.key, key), gt(signInFailures.at, since)))
      .orderBy(desc(signInFailures.at))
      .limit(THROTTLE_LIMIT);
    if (recent.length < THROTTLE_LIMIT) continue;
    // The count drops under the limit once the 5th most recent failure leaves the window.
    const retryAt = new Date(recent[THROTTLE_LIMIT - 1]!.at.getTime() + THROTTLE_WINDOW_MS);
    if (!worst.limited || retryAt > worst.retryAt) worst = limitedUntil(retryAt, now, scopeOf(key));
  }
  return worst;
}

/**
 * Counts an attempt against the limits before its (slow, scrypt) password check, so a burst of parallel guesses
 * cannot all pass the check before any of them is recorded: each attempt takes its place in line (by id), and
 * one that finds a hard limit already filled ahead of it is throttled and withdrawn. A password that turns out
 * right withdraws its attempt again (`withdrawAttempt`); a wrong one leaves it as the failure. `delayMs` is the
 * slow-down the attempt must wait before its password check (failures for the account from any address).
 */
export async function reserveAttempt(
  db: Database,
  keys: ThrottleKeys,
  now = new Date(),
): Promise<{ ids: number[]; throttle: ThrottleState; delayMs: number }> {
  const hard = hardKeysOf(keys);
  const mine = await db
    .insert(signInFailures)
    .values([...hard, accountKeyOf(keys)].map((key) => ({ key, at: now })))
    .returning({ id: signInFailures.id, key: signInFailures.key });
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const aheadOf = (id: number, key: string, limit: number) =>
    db
      .select({ at: signInFailures.at })
      .from(signInFailures)
      .where(and(eq(signInFailures.key, key), gt(signInFailures.at, since), lt(signInFailures.id, id)))
      .orderBy(desc(signInFailures.id))
      .limit(limit);
  let worst: ThrottleState = { limited: false };
  let delayMs = 0;
  for (const { id, key } of mine) {
    if (!hard.includes(key)) {
      const failures = (await aheadOf(id, key, THROTTLE_LIMIT + SLOWDOWN_MAX_MS / SLOWDOWN_STEP_MS)).length;
      delayMs = slowdownFor(failures);
      continue;
    }
    const ahead = await aheadOf(id, key, THROTTLE_LIMIT);
    if (ahead.length < THROTTLE_LIMIT) continue;
    const retryAt = new Date(Math.min(...ahead.map((a) => a.at.getTime())) + THROTTLE_WINDOW_MS);
    if (!worst.limited || retryAt > worst.retryAt) worst = limitedUntil(retryAt, now, scopeOf(key));
  }
  const ids = mine.map((m) => m.id);
  if (worst.limited) await withdrawAttempt(db, ids);
  return { ids, throttle: worst, delayMs: worst.limited ? 0 : delayMs };
}

/** The wait for an account with `failures` recent failures from any addresses (see SLOWDOWN_STEP_MS). */
export function slowdownFor(failures: number): number {
  if (failures < THROTTLE_LIMIT) return 0;
  return Math.min(SLOWDOWN_MAX_MS, (failures - THROTTLE_LIMIT + 1) * SLOWDOWN_STEP_MS);
}

function limitedUntil(retryAt: Date, now: Date, scope: "account" | "address"): ThrottleState {
  return {
    limited: true,
    retryAt,
    retryAfterSeconds: Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000)),
    scope,
  };
}

/** Takes back an attempt that was not a failure after all (the right password, or a throttled one). */
export async function withdrawAttempt(db: Database, ids: number[]): Promise<void> {
  if (ids.length > 0) await db.delete(signInFailures).where(inArray(signInFailures.id, ids));
}

/** Keeps the table small: nothing older than the window is ever read again. */
export async function pruneSignInFailures(db: Database, now = new Date()): Promise<void> {
  await db.delete(signInFailures).where(lt(signInFailures.at, new Date(now.getTime() - 10 * THROTTLE_WINDOW_MS)));
}

/**
 * A successful sign-in forgives the account's recent typos from that address, and its slow-down (not the
 * address's failures: it may be guessing many accounts; nor other addresses' failures for the account).
 */
export async function clearAccountFailures(db: Database, keys: ThrottleKeys): Promise<void> {
  await db.delete(signInFailures).where(inArray(signInFailures.key, [accountKeyOf(keys), hardKeysOf(keys)[0]!]));
}
