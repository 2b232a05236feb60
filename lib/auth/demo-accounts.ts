import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { recordAudit } from "@/lib/audit";
import type { Database } from "@/lib/db/types";
import { users, type Role } from "@/lib/db/schema/users";
import { DEMO_PASSWORD, hasDemoPassword } from "./demo-password";
import { hashPassword } from "./password";
import { nextSessionVersion } from "./users";

export { DEMO_PASSWORD };

export const DEMO_ACCOUNTS: { email: string; name: string; role: Role }[] = [
  { email: "support@recdesk.local", name: "Sam Support", role: "support" },
  { email: "oncall@recdesk.local", name: "Olive On-call", role: "oncall" },
  { email: "manager@recdesk.local", name: "Mia Manager", role: "manager" },
  { email: "admin@recdesk.local", name: "Ada Admin", role: "admin" },
];

/**
 * Creates the four demo accounts that are missing; leaves existing ones alone, so an admin's changes to a demo
 * account (a reset password, a disabled account) survive a restart. Only ever called in demo mode.
 */
export async function ensureDemoAccounts(db: Database): Promise<number> {
  const emails = DEMO_ACCOUNTS.map((a) => a.email);
  const existing = new Set(
    (await db.select({ email: users.email }).from(users).where(inArray(users.email, emails))).map((r) => r.email),
  );
  const missing = DEMO_ACCOUNTS.filter((a) => !existing.has(a.email));
  if (missing.length === 0) return 0;
  const rows = await Promise.all(missing.map(async (a) => ({ ...a, passwordHash: await hashPassword(DEMO_PASSWORD) })));
  const inserted = await db
    .insert(users)
    .values(rows)
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id });
  return inserted.length;
}

/**
 * Outside demo mode: a data directory (or database) first used for the demo must not carry a published
 * password into production. Every demo account that still has it is disabled and the change audited; one an
 * admin gave a real password is left alone. Returns the emails disabled.
 */
export async function disableDemoAccounts(db: Database): Promise<string[]> {
  const emails = DEMO_ACCOUNTS.map((a) => a.email);
  const rows = await db
    .select({ id: users.id, email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(and(inArray(users.email, emails), eq(users.disabled, false)));
  const disabled: string[] = [];
  for (const row of rows) {
    if (!(await hasDemoPassword(row.passwordHash))) continue;
    await db.update(users).set({ disabled: true, sessionVersion: nextSessionVersion }).where(eq(users.id, row.id));
    await recordAudit(
      db,
      {
        actor: { email: "system:start-up" },
        action: "user.update",
        details: {
          operation: "disable",
          targetUserId: row.id,
          targetEmail: row.email,
          why: "demo account with the demo password, outside demo mode",
        },
      },
      { outcome: "ok" },
    );
    disabled.push(row.email);
  }
  return disabled;
}
