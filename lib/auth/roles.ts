import { ROLES, type Role } from "@/lib/db/schema/users";

export { ROLES, type Role };

/** What a person may do. Roles map to permissions in exactly one place: PERMISSIONS below. */
export type Permission =
  | "streams:view"
  | "tasks:view"
  | "recordings:view"
  | "task:stop"
  | "task:register"
  | "task:start"
  | "task:bulk-stop"
  | "task:correct"
  | "task:delete"
  | "jobs:view"
  | "audit:view"
  | "audit:export"
  | "audit:verify"
  | "users:manage"
  | "account:preferences";

// Every role sees recordings: support needs the download links for tickets. Every role sets its own preferences
// (the language): they change nothing on the cloud account.
const SUPPORT: Permission[] = [
  "streams:view",
  "tasks:view",
  "recordings:view",
  "task:stop",
  "task:register",
  "account:preferences",
];
const PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  support: new Set(SUPPORT),
  // Correcting a registration changes what every later Stop sends, so it is the on-call engineers' (and admins').
  // Deleting a task removes Tencent's record (legacy) or its configuration (RecordTask): on-call and admin only.
  oncall: new Set([...SUPPORT, "task:start", "task:bulk-stop", "task:correct", "task:delete", "jobs:view"]),
  // Managers audit; they deliberately cannot change anything on the cloud account (bulk jobs: read only).
  manager: new Set([
    "account:preferences",
    "streams:view",
    "tasks:view",
    "recordings:view",
    "jobs:view",
    "audit:view",
    "audit:export",
    "audit:verify",
  ]),
  admin: new Set([
    ...SUPPORT,
    "task:start",
    "task:bulk-stop",
    "task:correct",
    "task:delete",
    "jobs:view",
    "audit:view",
    "audit:export",
    "audit:verify",
    "users:manage",
  ]),
};

/** Fails closed: no role, or a role this build does not know, may do nothing. */
export function can(role: string | null | undefined, permission: Permission): boolean {
  if (!role || !(ROLES as readonly string[]).includes(role)) return false;
  return PERMISSIONS[role as Role].has(permission);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
