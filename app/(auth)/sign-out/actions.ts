"use server";

import { signOut } from "@/lib/auth/auth";

/**
 * Ends the session (the cookie is cleared; lib/auth/auth.ts audits "auth.sign-out"). Needs no permission: signing
 * out can only take access away.
 */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
