import { describe, expect, it } from "vitest";
import { can, type Permission } from "@/lib/auth/roles";

// The role specification (README, Roles), written out in full so a change to roles.ts must change this table too.
const Y = true;
const N = false;
const TABLE: Record<Permission, { support: boolean; oncall: boolean; manager: boolean; admin: boolean }> = {
  "streams:view": { support: Y, oncall: Y, manager: Y, admin: Y },
  "tasks:view": { support: Y, oncall: Y, manager: Y, admin: Y },
  // Support needs recording links for tickets: every role sees recordings.
  "recordings:view": { support: Y, oncall: Y, manager: Y, admin: Y },
  "task:stop": { support: Y, oncall: Y, manager: N, admin: Y },
  "task:register": { support: Y, oncall: Y, manager: N, admin: Y },
  "task:start": { support: N, oncall: Y, manager: N, admin: Y },
  "task:bulk-stop": { support: N, oncall: Y, manager: N, admin: Y },
  "task:correct": { support: N, oncall: Y, manager: N, admin: Y },
  "task:delete": { support: N, oncall: Y, manager: N, admin: Y },
  // Managers audit bulk jobs too (who ran which, with what outcome); they cannot start, retry or cancel one.
  "jobs:view": { support: N, oncall: Y, manager: Y, admin: Y },
  "audit:view": { support: N, oncall: N, manager: Y, admin: Y },
  "audit:export": { support: N, oncall: N, manager: Y, admin: Y },
  "audit:verify": { support: N, oncall: N, manager: Y, admin: Y },
  "users:manage": { support: N, oncall: N, manager: N, admin: Y },
  "account:preferences": { support: Y, oncall: Y, manager: Y, admin: Y },
};

describe("role → permission table", () => {
  for (const [permission, byRole] of Object.entries(TABLE) as [Permission, Record<string, boolean>][]) {
    for (const [role, allowed] of Object.entries(byRole)) {
      it(`${role} ${allowed ? "may" : "may not"} ${permission}`, () => {
        expect(can(role, permission)).toBe(allowed);
      });
    }
  }

  it("fails closed: no role, an unknown role or a look-alike may do nothing", () => {
    for (const permission of Object.keys(TABLE) as Permission[]) {
      for (const role of [null, undefined, "", "root", "Admin", "admin ", "__proto__", "toString"]) {
        expect(can(role, permission)).toBe(false);
      }
    }
  });
});
