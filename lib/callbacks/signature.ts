import { timingSafeEqual } from "node:crypto";
import { callbackSign } from "@/lib/tencent-live/callback-types";

/** How far ahead a signature's expiry may lie. Tencent sets `t` about 10 minutes after sending (§1.10c). */
export const MAX_EXPIRY_AHEAD_SECONDS = 3_600;

export type SignatureCheck = { ok: true } | { ok: false; reason: "bad-signature" | "expired" | "too-far-ahead" };

/**
 * `sign` must equal MD5(key + t), compared in constant time, and `t` (the signature's expiry, Unix seconds)
 * must not have passed nor lie implausibly far ahead. MD5(key + t) does not cover the body, so the expiry is
 * what bounds how long a captured signature can be reused.
 */
export function checkSignature(key: string, t: number, sign: string, nowSeconds: number): SignatureCheck {
  const expected = Buffer.from(callbackSign(key, t), "utf8");
  const given = Buffer.from(sign.toLowerCase(), "utf8");
  // timingSafeEqual needs equal lengths; comparing against itself keeps the time the same on a length mismatch.
  const same =
    given.length === expected.length ? timingSafeEqual(given, expected) : !timingSafeEqual(expected, expected);
  if (!same) return { ok: false, reason: "bad-signature" };
  if (t < nowSeconds) return { ok: false, reason: "expired" };
  if (t > nowSeconds + MAX_EXPIRY_AHEAD_SECONDS) return { ok: false, reason: "too-far-ahead" };
  return { ok: true };
}
