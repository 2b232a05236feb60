import type { RequestOrigin } from "./actor";
import { clipOptional } from "@/lib/text/well-formed";

/**
 * Client address and agent for the audit trail and sign-in throttling. Proxies append the address they saw to
 * X-Forwarded-For, so only the entries your own proxies added can be trusted: with `trustedProxyHops` proxies in
 * front of RecDesk (RECDESK_TRUSTED_PROXY_HOPS, default 1) the client is the entry that many places from the
 * right. Anything to its left came from the client and may be forged; taking the leftmost entry would let a
 * guesser reset the per-address sign-in throttle with every request. (Next fills the header from the socket
 * only when it is absent, so a server exposed with no proxy at all cannot tell; throttling also keys on the
 * account, which cannot be forged.)
 */
export function originFromHeaders(h: Pick<Headers, "get">, trustedProxyHops = 1): RequestOrigin {
  const chain = (h.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const forwarded = chain.length > 0 ? chain[Math.max(0, chain.length - Math.max(1, trustedProxyHops))] : undefined;
  return {
    clientIp: clipOptional(forwarded || h.get("x-real-ip")?.trim() || undefined, 64) ?? undefined,
    userAgent: clipOptional(h.get("user-agent"), 512) ?? undefined,
  };
}
