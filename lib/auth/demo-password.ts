import { verifyPassword } from "./password";

/** Published on the sign-in page and in the README: it may open an account in demo mode only. */
export const DEMO_PASSWORD = "recdesk-demo";

/** Compared as scrypt sees it (NFKC), so a look-alike spelling of the demo password counts as the same. */
export function isDemoPassword(password: string): boolean {
  return password.normalize("NFKC") === DEMO_PASSWORD;
}

/** Whether a stored hash is of the demo password (costs one scrypt). */
export function hasDemoPassword(passwordHash: string | null | undefined): Promise<boolean> {
  return passwordHash ? verifyPassword(DEMO_PASSWORD, passwordHash) : Promise.resolve(false);
}
