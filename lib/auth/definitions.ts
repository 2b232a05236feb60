// Types and constants shared with client components: no database, no Node APIs.

export const ROLE_NAMES = ["support", "oncall", "manager", "admin"] as const;

export const ROLE_LABELS: Record<(typeof ROLE_NAMES)[number], string> = {
  support: "support — view streams and tasks, stop one task, register a task by id",
  oncall: "oncall — everything support does, plus bulk stop and start recordings",
  manager: "manager — view everything, read and export the audit log; stops nothing",
  admin: "admin — everything, plus this Users page",
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
