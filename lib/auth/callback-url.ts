/** Where to go after signing in: a path on this site only, never another origin (open-redirect safe). */
export function safeCallbackUrl(value: unknown, fallback = "/streams"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if (value.startsWith("/sign-in") || value.startsWith("/api/")) return fallback;
  return value;
}
