import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { Provider } from "next-auth/providers";
import { headers } from "next/headers";
import { recordAudit } from "@/lib/audit";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import type { RequestOrigin } from "./actor";
import { provisionOidcUser } from "./oidc";
import { originFromHeaders } from "./origin";
import { resolveAuthSecret } from "./secret";
import { sameOriginPath } from "./callback-url";
import { authenticateWithPassword, type SignInRefusal } from "./sign-in";
import { checkSessionToken } from "./session-token";
import { SignInCredentialsSchema } from "./sign-in-input";
import { recordableText } from "@/lib/validation/safe-text";
import { MAX_PASSWORD_LENGTH } from "./password";
import { endUserSessions, findUserById } from "./users";
import { eq } from "drizzle-orm";
import { users } from "@/lib/db/schema/users";
import { componentLogger } from "@/lib/observability/logger";
import { countSignIn } from "@/lib/observability/metrics";

/** A session lasts 8 hours from sign-in (a working shift), however active it is. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** Carries why a password sign-in was refused from authorize() to the sign-in form (same process, same object). */
export class SignInRefused extends CredentialsSignin {
  constructor(readonly refusal: SignInRefusal) {
    super();
    this.code = refusal.reason;
  }
}

async function currentOrigin(): Promise<RequestOrigin> {
  try {
    return originFromHeaders(await headers(), getConfig().trustedProxyHops);
  } catch {
    return {};
  }
}

function buildConfig(): NextAuthConfig {
  const config = getConfig();
  const providers: Provider[] = [
    Credentials({
      id: "credentials",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const origin = originFromHeaders(request.headers, getConfig().trustedProxyHops);
        const options = { demoMode: getConfig().demoMode };
        const typedEmail = typeof credentials?.email === "string" ? credentials.email : "";
        // Over-long passwords take the shared refusal (audited, no throttle write, no scrypt), as the form does.
        if (typeof credentials?.password === "string" && credentials.password.length > MAX_PASSWORD_LENGTH) {
          const refused = await authenticateWithPassword(
            await getDb(),
            { email: typedEmail, password: credentials.password, origin },
            new Date(),
            options,
          );
          if (!refused.ok) {
            countSignIn(refused.reason);
            throw new SignInRefused(refused);
          }
        }
        // A direct POST to the callback skips the sign-in form's action, so the same rules apply here.
        const parsed = SignInCredentialsSchema.safeParse({
          email: credentials?.email,
          password: credentials?.password,
        });
        if (!parsed.success) {
          const typed = recordableText(typedEmail.trim(), 254);
          await recordAudit(
            await getDb(),
            {
              actor: { email: typed || undefined },
              action: "auth.sign-in",
              clientIp: origin.clientIp,
              userAgent: origin.userAgent,
              details: { method: "password" },
            },
            { outcome: "invalid", errorCode: "InvalidInput" },
          );
          countSignIn("invalid");
          throw new SignInRefused({ reason: "invalid" });
        }
        const result = await authenticateWithPassword(await getDb(), { ...parsed.data, origin }, new Date(), options);
        countSignIn(result.ok ? "ok" : result.reason);
        if (!result.ok) throw new SignInRefused(result);
        return { id: result.user.id, email: result.user.email, name: result.user.name };
      },
    }),
  ];
  if (config.oidc) {
    providers.push({
      id: "oidc",
      name: "Single sign-on",
      type: "oidc",
      issuer: config.oidc.issuer,
      clientId: config.oidc.clientId,
      clientSecret: config.oidc.clientSecret,
      profile(profile) {
        return { id: String(profile.sub), email: profile.email, name: profile.name ?? profile.preferred_username };
      },
    });
  }

  return {
    secret: resolveAuthSecret(config),
    // A demo must work from `npm run console` with no proxy in front; production sets AUTH_URL or AUTH_TRUST_HOST.
    trustHost: config.demoMode ? true : undefined,
    providers,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    logger: {
      // A refused sign-in is an expected outcome (audited on its own), not a server error worth a stack trace.
      error(error) {
        if (error instanceof CredentialsSignin || (error as { type?: string }).type === "CredentialsSignin") return;
        componentLogger("auth").error({ event: "auth.error", type: error.name }, error.message);
      },
      warn() {},
      debug() {},
    },
    callbacks: {
      // Every redirect Auth.js makes (after sign-in, sign-out, an error) stays on this site: a path that is
      // off-origin or carries control characters or backslashes becomes the home page.
      redirect({ url, baseUrl }) {
        const path = sameOriginPath(url, baseUrl);
        return `${baseUrl.replace(/\/+$/, "")}${path ?? "/"}`;
      },
      async signIn({ account, profile }) {
        if (account?.provider !== "oidc") return true;
        const db = await getDb();
        const origin = await currentOrigin();
        const provisioned = await provisionOidcUser(
          db,
          {
            subject: account.providerAccountId,
            email: typeof profile?.email === "string" ? profile.email : null,
            emailVerified: profile?.email_verified === true,
            name: typeof profile?.name === "string" ? profile.name : null,
            claims: (profile ?? {}) as Record<string, unknown>,
          },
          config.oidc?.roleClaim,
        );
        const base = { action: "auth.sign-in" as const, clientIp: origin.clientIp, userAgent: origin.userAgent };
        if (!provisioned.ok) {
          await recordAudit(
            db,
            {
              ...base,
              actor: { email: typeof profile?.email === "string" ? profile.email : undefined },
              details: { method: "oidc" },
            },
            { outcome: "denied", errorCode: provisioned.reason === "no-email" ? "SsoNoEmail" : "SsoEmailTaken" },
          );
          return `/sign-in?error=${provisioned.reason === "no-email" ? "SsoNoEmail" : "SsoEmailTaken"}`;
        }
        const { user, created } = provisioned;
        const actor = { userId: user.id, email: user.email, role: user.role };
        const refusal = user.disabled ? "Disabled" : !user.role ? "NoRole" : null;
        await recordAudit(
          db,
          { ...base, actor, details: { method: "oidc", created } },
          refusal ? { outcome: "denied", errorCode: refusal } : { outcome: "ok" },
        );
        return refusal ? `/sign-in?error=${refusal}` : true;
      },
      async jwt({ token, account }) {
        if (account?.provider === "oidc") {
          // The provider's subject is not our user id: point the session at the RecDesk user row.
          const [row] = await (
            await getDb()
          )
            .select({ id: users.id })
            .from(users)
            .where(eq(users.oidcSubject, account.providerAccountId));
          if (!row) return null;
          token.sub = row.id;
        }
        if (account) {
          token.authTime = Math.floor(Date.now() / 1000);
          // The cookie remembers the user's session version at sign-in; the session callback compares it.
          const user = token.sub ? await findUserById(await getDb(), token.sub) : undefined;
          if (!user) return null;
          token.sessionVersion = user.sessionVersion;
        }
        const authTime = typeof token.authTime === "number" ? token.authTime : 0;
        if (Date.now() / 1000 - authTime > SESSION_MAX_AGE_SECONDS) return null;
        return token;
      },
      async session({ session, token }) {
        // Re-read the row on every request: a disabled account, a changed role or a revoked cookie takes effect
        // immediately.
        const check = await checkSessionToken(await getDb(), token);
        if (check.state === "revoked") return { expires: session.expires } as unknown as typeof session;
        if (check.state === "refused") {
          // No user in the session (pages and the proxy treat it as signed out), but the claim stays, so a
          // refused server action can still audit who tried (lib/auth/session.ts).
          return { expires: session.expires, claimedUserId: check.claimedUserId } as unknown as typeof session;
        }
        const { user } = check;
        return {
          ...session,
          user: { ...session.user, id: user.id, email: user.email, name: user.name, role: user.role },
        };
      },
    },
    events: {
      async signOut(message) {
        const token = "token" in message ? message.token : null;
        if (!token?.sub) return;
        const db = await getDb();
        const user = await findUserById(db, token.sub);
        // A live cookie ends every session of the user, so a copy of it taken before sign-out opens nothing
        // afterwards; a stale one (already revoked) has nothing left to end.
        if (user && user.sessionVersion === token.sessionVersion) await endUserSessions(db, user.id);
        const origin = await currentOrigin();
        await recordAudit(
          db,
          {
            actor: { userId: token.sub, email: user?.email ?? token.email ?? undefined, role: user?.role },
            action: "auth.sign-out",
            clientIp: origin.clientIp,
            userAgent: origin.userAgent,
          },
          { outcome: "ok" },
        );
      },
    },
  };
}

// Built lazily (per request) so importing this module never reads the environment or touches the disk.
let built: NextAuthConfig | undefined;
export const { handlers, auth, signIn, signOut } = NextAuth(() => (built ??= buildConfig()));

declare module "next-auth" {
  interface Session {
    user?: { id: string; email: string; name: string; role: string; image?: string | null };
  }
}
declare module "@auth/core/jwt" {
  interface JWT {
    authTime?: number;
    /** users.session_version when the session was issued; a different one in the row revokes the cookie. */
    sessionVersion?: number;
  }
}
