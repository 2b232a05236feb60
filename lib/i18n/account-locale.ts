import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/lib/db/types";
import { users } from "@/lib/db/schema/users";
import type { Locale } from "./locales";

/** The language the account chose in the header, or null when it never chose (then cookie and browser decide). */
export async function accountLocale(db: Database, userId: string | null): Promise<string | null> {
  if (!userId || !z.uuid().safeParse(userId).success) return null;
  const [row] = await db.select({ locale: users.locale }).from(users).where(eq(users.id, userId));
  return row?.locale ?? null;
}

export async function storeAccountLocale(db: Database, userId: string, locale: Locale): Promise<void> {
  await db.update(users).set({ locale, updatedAt: new Date() }).where(eq(users.id, userId));
}
