import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/types";
import { users, type Role, type User } from "@/lib/db/schema/users";
import { nextSessionVersion } from "./users";

export type GuardedChange =
  | { ok: true; before: User; after: User }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "last-admin"; target: User };

/** A role change from the Users page: refused when it would leave no enabled admin. Ends the user's sessions. */
export function changeRoleKeepingAnAdmin(db: Database, userId: string, role: Role): Promise<GuardedChange> {
  return changeKeepingAnAdmin(db, userId, (before) => before.role === "admin" && !before.disabled && role !== "admin", {
    role,
  });
}

/** Disabling or enabling from the Users page: the last enabled admin cannot be disabled. Ends the user's sessions. */
export function setDisabledKeepingAnAdmin(db: Database, userId: string, disabled: boolean): Promise<GuardedChange> {
  return changeKeepingAnAdmin(db, userId, (before) => before.role === "admin" && !before.disabled && disabled, {
    disabled,
  });
}

/**
 * Two admins demoting each other at the same moment must not both succeed. Each change runs in a transaction
 * that first locks every enabled admin row (in id order, so two such transactions queue instead of
 * deadlocking), then counts them. On Postgres the second transaction waits for the first and, once it commits,
 * no longer sees the demoted admin among the locked rows (READ COMMITTED re-checks the WHERE on the new row
 * version), so it counts one admin and refuses. PGlite runs one transaction at a time, which gives the same.
 */
async function changeKeepingAnAdmin(
  db: Database,
  userId: string,
  removesAnAdmin: (before: User) => boolean,
  change: { role?: Role; disabled?: boolean },
): Promise<GuardedChange> {
  return db.transaction(async (tx) => {
    const admins = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, "admin"), eq(users.disabled, false)))
      .orderBy(asc(users.id))
      .for("update");
    const [before] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
    if (!before) return { ok: false, reason: "not-found" } as const;
    if (removesAnAdmin(before) && !admins.some((a) => a.id !== userId))
      return { ok: false, reason: "last-admin", target: before } as const;
    const [after] = await tx
      .update(users)
      .set({ ...change, sessionVersion: nextSessionVersion, updatedAt: sql`now()` })
      .where(eq(users.id, userId))
      .returning();
    return { ok: true, before, after: after! } as const;
  });
}
