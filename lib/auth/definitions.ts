// Types and constants shared with client components: no database, no Node APIs.

export const ROLE_NAMES = ["support", "oncall", "manager", "admin"] as const;

export const ROLE_LABELS: Record<(typeof ROLE_NAMES)[number], string> = {
  support: "Support — view, stop one task, register by id",
  oncall: "On-call — support plus bulk stop and start",
  manager: "Manager — view everything and the audit log, stop nothing",
  admin: "Admin — everything, plus users",
};

/** A user as the Users page shows it (never the password hash). */
export interface UserView {
  id: string;
  email: string;
  name: string;
  role: string | null;
  disabled: boolean;
  sso: boolean;
  hasPassword: boolean;
  createdAt: string;
}

export interface DemoAccountView {
  email: string;
  role: string;
  name: string;
}
