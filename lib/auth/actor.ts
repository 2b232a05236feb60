import type { Role } from "./roles";

/** The signed-in person behind a request, as recorded in the audit trail. */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  role: Role;
}

/** Where a request came from, for the audit trail. */
export interface RequestOrigin {
  clientIp?: string;
  userAgent?: string;
}

export type AuthCheck =
  | { ok: true; actor: Actor; origin: RequestOrigin }
  | {
      ok: false;
      code: "Unauthenticated" | "Forbidden";
      message: string;
      /** Who tried, when known (a signed-in user without the permission), for the audit of the refusal. */
      actor?: Partial<Actor>;
      origin: RequestOrigin;
    };
