import type { RequestOrigin } from "./actor";

/**
 * Client address and agent for the audit trail and sign-in throttling. The first X-Forwarded-For entry is what
 * the outermost proxy saw; behind a proxy you do not control it can be forged, so throttling also keys on the
 * account, which cannot.
 */
export function originFromHeaders(h: Pick<Headers, "get">): RequestOrigin {
  const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  return {
    clientIp: (forwarded || h.get("x-real-ip")?.trim() || undefined)?.slice(0, 64),
    userAgent: h.get("user-agent")?.slice(0, 512) ?? undefined,
  };
}
