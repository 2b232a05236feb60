import type { z } from "zod";
import { codePointLength, forbiddenCharacter } from "@/lib/validation/safe-text";
import { MAX_PASSWORD_LENGTH } from "./password";

type FieldKey = "emailRequired" | "emailTooLong" | "passwordRequired" | "passwordTooLong" | "other";
type Translate = (key: FieldKey, values: Record<string, string | number>) => string;

/**
 * The sign-in form's field errors in the visitor's language. SignInCredentialsSchema says which field failed;
 * the rule is told apart here the way safeText checks it (text, characters, then length). A rule without its own
 * key (not text, a refused character) keeps the schema's English wording in English and a general one otherwise.
 */
export function signInFieldErrors(
  error: z.ZodError,
  raw: { email?: unknown; password?: unknown },
  translate: Translate,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if ((field !== "email" && field !== "password") || out[field]) continue;
    const value = raw[field];
    let key: FieldKey = "other";
    if (typeof value === "string" && !forbiddenCharacter(value)) {
      const length = codePointLength(field === "email" ? value.trim() : value);
      const max = field === "email" ? 254 : MAX_PASSWORD_LENGTH;
      if (length < 1) key = field === "email" ? "emailRequired" : "passwordRequired";
      else if (length > max) key = field === "email" ? "emailTooLong" : "passwordTooLong";
    }
    out[field] = [translate(key, { max: MAX_PASSWORD_LENGTH, field, detail: issue.message })];
  }
  return out;
}
