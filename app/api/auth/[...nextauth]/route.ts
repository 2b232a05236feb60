import { handlers } from "@/lib/auth/auth";

// Auth.js's own endpoints (credentials callback, OIDC callback, sign-out, session, CSRF). Public by design: they
// are how a person becomes signed in. Every password attempt through them is throttled and audited.
export const { GET, POST } = handlers;
