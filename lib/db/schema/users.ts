import { bigserial, boolean, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const ROLES = ["support", "oncall", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  // null until an admin grants one: an SSO user's first sign-in creates the account but opens nothing.
  role: text("role").$type<Role>(),
  passwordHash: text("password_hash"),
  oidcSubject: text("oidc_subject").unique(),
  disabled: boolean("disabled").notNull().default(false),
  // Every session cookie carries the version it was issued at; sign-out, a password reset, disabling the account
  // and a role change bump it, so every cookie issued before stops working on its next request.
  sessionVersion: integer("session_version").notNull().default(0),
  // The language chosen in the header ("en", "zh-CN"); null until the person chooses (cookie and browser decide).
  locale: text("locale"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Failed sign-ins, kept in the database so throttling holds across server instances. */
export const signInFailures = pgTable(
  "sign_in_failures",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    key: text("key").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sign_in_failures_key_at").on(t.key, t.at)],
);

export type User = typeof users.$inferSelect;
