import "server-only";
import { inArray } from "drizzle-orm";
import type { Database } from "@/lib/db/types";
import { users, type Role } from "@/lib/db/schema/users";
import { hashPassword } from "./password";

export const DEMO_PASSWORD = "recdesk-demo";

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
  const inserted = await db.insert(users).values(rows).onConflictDoNothing({ target: users.email }).returning({ id: users.id });
  return inserted.length;
}
