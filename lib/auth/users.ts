import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/lib/db/types";
import { users, ROLES, type Role, type User } from "@/lib/db/schema/users";
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password";
import type { UserView } from "./definitions";
import { wellFormed } from "@/lib/text/well-formed";
import { safeText } from "@/lib/validation/safe-text";
import { label, say } from "@/lib/validation/messages";

export const EmailSchema = safeText({
  label: label("email"),
  min: 1,
  minMessage: say("validation.users.email"),
  max: 254,
})
  .toLowerCase()
  .pipe(z.email({ error: say("validation.users.email") }).max(254));

export const PasswordSchema = safeText({
  label: label("password"),
  trim: false,
  min: MIN_PASSWORD_LENGTH,
  minMessage: say("validation.users.passwordTooShort", { min: MIN_PASSWORD_LENGTH }),
  max: MAX_PASSWORD_LENGTH,
  maxMessage: say("validation.users.passwordTooLong", { max: MAX_PASSWORD_LENGTH }),
});

export const RoleSchema = z.enum(ROLES, { error: say("validation.users.chooseRole", { roles: ROLES.join(", ") }) });

export const NameSchema = safeText({
  label: label("name"),
  min: 1,
  minMessage: say("validation.users.enterName"),
  max: 120,
});

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(db: Database, email: string): Promise<User | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)));
  return row;
}

export async function findUserById(db: Database, id: string): Promise<User | undefined> {
  // A malformed id (e.g. a forged session) must be "no such user", not a database error.
  if (!z.uuid().safeParse(id).success) return undefined;
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export class UserExistsError extends Error {
  constructor(email: string) {
    super(`A user with the email ${email} already exists`);
    this.name = "UserExistsError";
  }
}

export interface NewUser {
  email: string;
  name: string;
  role: Role | null;
  password?: string;
  oidcSubject?: string;
}

export async function createUser(db: Database, input: NewUser): Promise<User> {
  const email = normalizeEmail(input.email);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const [row] = await db
    .insert(users)
    .values({
      email,
      name: wellFormed(input.name),
      role: input.role,
      passwordHash,
      oidcSubject: input.oidcSubject ?? null,
    })
    .onConflictDoNothing({ target: users.email })
    .returning();
  if (!row) throw new UserExistsError(email);
  return row;
}

/** Every session cookie issued to the user before this change stops working (see auth.ts, session callback). */
export const nextSessionVersion = sql`${users.sessionVersion} + 1`;

export async function setUserPassword(db: Database, id: string, password: string): Promise<User | undefined> {
  const passwordHash = await hashPassword(password);
  const [row] = await db
    .update(users)
    .set({ passwordHash, sessionVersion: nextSessionVersion, updatedAt: sql`now()` })
    .where(eq(users.id, id))
    .returning();
  return row;
}

/** Sign-out: ends every session of the user, on every device (a cookie copied before sign-out included). */
export async function endUserSessions(db: Database, id: string): Promise<void> {
  await db.update(users).set({ sessionVersion: nextSessionVersion }).where(eq(users.id, id));
}

export async function listUsers(db: Database): Promise<UserView[]> {
  const rows = await db.select().from(users).orderBy(asc(users.email));
  return rows.map(toUserView);
}

export function toUserView(u: User): UserView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    disabled: u.disabled,
    sso: Boolean(u.oidcSubject),
    hasPassword: Boolean(u.passwordHash),
    createdAt: u.createdAt.toISOString(),
  };
}
