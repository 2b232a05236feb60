import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * Password hashes are self-describing: `scrypt$N=32768,r=8,p=1$<salt b64>$<key b64>`, so the cost can be raised
 * later without invalidating stored hashes (old ones verify with their own parameters).
 */
const DEFAULT = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
// Enough room to verify hashes made with up to N=2^17, r=8 (128·N·r bytes) without letting a stored hash
// with absurd parameters exhaust memory.
const MAX_MEMORY = 256 * 1024 * 1024;

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

function derive(
  password: string,
  salt: Buffer,
  params: ScryptOptions & { N: number; r: number; p: number },
  keyLength: number,
) {
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, keyLength, { ...params, maxmem: MAX_MEMORY }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, DEFAULT, KEY_LENGTH);
  return `scrypt$N=${DEFAULT.N},r=${DEFAULT.r},p=${DEFAULT.p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

interface ParsedHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split("$");
  if (parts.length !== 4 || parts[0] !== "scrypt") return null;
  const params = Object.fromEntries(parts[1]!.split(",").map((kv) => kv.split("=") as [string, string]));
  const N = Number(params.N);
  const r = Number(params.r);
  const p = Number(params.p);
  const valid =
    Number.isInteger(N) &&
    N >= 2 ** 14 &&
    N <= 2 ** 17 &&
    (N & (N - 1)) === 0 &&
    Number.isInteger(r) &&
    r >= 1 &&
    r <= 32 &&
    Number.isInteger(p) &&
    p >= 1 &&
    p <= 4;
  if (!valid) return null;
  const salt = Buffer.from(parts[2]!, "base64");
  const key = Buffer.from(parts[3]!, "base64");
  if (salt.length < 16 || key.length < 16) return null;
  return { N, r, p, salt, key };
}

/** True only for the right password; a malformed or foreign hash is simply "no" (never throws on bad input). */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const parsed = stored ? parseHash(stored) : null;
  if (!parsed) {
    // Spend the same time as a real check so "no such account" cannot be told apart by timing.
    await derive(password, DUMMY_SALT, DEFAULT, KEY_LENGTH);
    return false;
  }
  const key = await derive(password, parsed.salt, parsed, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

const DUMMY_SALT = randomBytes(SALT_LENGTH);
