import { say } from "@/lib/validation/messages";

// Per-person spending limits on calls that use the account's Tencent quota on demand. Tencent's limits are per
// account, so one person (or one script with a person's session) could otherwise use up what everybody
// shares. Kept in this process's memory: with several instances behind a load balancer each one counts on
// its own, so the effective limit is at most N times these numbers (still a hard bound per instance).

export type UserQuotaKind = "stop-by-id" | "stream-state";

/**
 * Per user and per minute. Stop by ID is typed by hand (a TaskId and a stream name): 30 a minute is one every
 * two seconds, more than anyone types. The stream page asks DescribeLiveStreamState on every load: 60 a
 * minute covers refreshing it every second.
 */
export const USER_QUOTAS: Record<UserQuotaKind, { limit: number; windowMs: number; what: string }> = {
  "stop-by-id": { limit: 30, windowMs: 60_000, what: "Stop by ID requests" },
  "stream-state": { limit: 60, windowMs: 60_000, what: "stream state lookups" },
};

export const USER_RATE_LIMITED_CODE = "RecDesk.UserRateLimited";

export type UserQuotaDecision =
  { ok: true } | { ok: false; code: typeof USER_RATE_LIMITED_CODE; message: string; retryAfterSeconds: number };

interface Windows {
  byKey: Map<string, number[]>;
}

const KEY = Symbol.for("recdesk.tencent-live.user-quota");

function windows(): Windows {
  const g = globalThis as unknown as Record<symbol, Windows | undefined>;
  g[KEY] ??= { byKey: new Map() };
  return g[KEY];
}

/** Counts one call for `userId` if the window has room; a refused call is not counted (it spends nothing). */
export function takeUserQuota(kind: UserQuotaKind, userId: string, now = Date.now()): UserQuotaDecision {
  const { limit, windowMs } = USER_QUOTAS[kind];
  const byKey = windows().byKey;
  const key = `${kind}\u0000${userId}`;
  const recent = (byKey.get(key) ?? []).filter((t) => t > now - windowMs);
  if (recent.length >= limit) {
    byKey.set(key, recent);
    const retryAfterSeconds = Math.max(1, Math.ceil((recent[0]! + windowMs - now) / 1000));
    return {
      ok: false,
      code: USER_RATE_LIMITED_CODE,
      message: say(kind === "stop-by-id" ? "actions.quota.stopById" : "actions.quota.streamState", {
        limit,
        seconds: retryAfterSeconds,
      }),
      retryAfterSeconds,
    };
  }
  recent.push(now);
  byKey.set(key, recent);
  if (byKey.size > 10_000) prune(now);
  return { ok: true };
}

function prune(now: number): void {
  const byKey = windows().byKey;
  for (const [key, times] of byKey) if (times.every((t) => t <= now - 60_000)) byKey.delete(key);
}

/** Tests only: forget every count. */
export function resetUserQuotas(): void {
  windows().byKey.clear();
}
