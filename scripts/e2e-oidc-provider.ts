// A real OpenID Connect provider (panva/oidc-provider, OpenID-certified) for the SSO e2e journey: discovery,
// the authorization code flow with PKCE, a signed ID token, on loopback. Its built-in development login page
// takes any login; the login decides the identity:
//   <name>             → <name>@sso.example, email verified, no role claim
//   <name>+<role>      → <name>@sso.example with the claim recdesk_role=<role> (AUTH_OIDC_ROLE_CLAIM)
//   <name>+unverified  → <name>@sso.example, email_verified false
// Test-only: the keys are the provider's development keys and nothing is persisted.
//   tsx scripts/e2e-oidc-provider.ts <port> <redirect_uri>
import Provider from "oidc-provider";

const port = Number(process.argv[2] ?? 4800);
const redirectUri = process.argv[3] ?? "http://localhost:3100/api/auth/callback/oidc";
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "recdesk-e2e",
      client_secret: "recdesk-e2e-client-secret",
      redirect_uris: [redirectUri],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "recdesk_role"] },
  // Put the scope's claims in the ID token, which is where Auth.js reads an OIDC profile from.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
  async findAccount(_ctx, sub) {
    const [name, tag] = sub.split("+");
    return {
      accountId: sub,
      async claims() {
        return {
          sub,
          email: `${name}@sso.example`,
          email_verified: tag !== "unverified",
          name: `${name} (SSO)`,
          ...(tag && tag !== "unverified" ? { recdesk_role: tag } : {}),
        };
      },
    };
  },
});
// Development interactions log a warning per request; the e2e output has no use for them.
provider.on("server_error", (_ctx, err) => console.error(`[oidc] ${err.message}`));

provider.listen(port, "127.0.0.1", () => console.log(`test OpenID provider at ${issuer}`));
