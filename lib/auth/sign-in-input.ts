import { z } from "zod";
import { safeText } from "@/lib/validation/safe-text";
import { MAX_PASSWORD_LENGTH } from "./password";

/**
 * What a password sign-in may carry, on both paths in: the sign-in form's server action and a direct POST to
 * Auth.js's /api/auth/callback/credentials. Bounded (scrypt over a megabyte is a denial of service) and free
 * of control characters and broken surrogates, which could never match a stored account anyway.
 */
export const SignInCredentialsSchema = z.object({
  email: safeText({
    label: "Email",
    min: 1,
    minMessage: "Enter your email address",
    max: 254,
    maxMessage: "That email address is too long",
  }),
  password: safeText({
    label: "Password",
    trim: false,
    min: 1,
    minMessage: "Enter your password",
    max: MAX_PASSWORD_LENGTH,
    maxMessage: `That password is too long: passwords have at most ${MAX_PASSWORD_LENGTH} characters`,
  }),
});
