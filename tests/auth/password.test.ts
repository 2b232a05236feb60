import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";

describe("password hashing", () => {
  it("stores a salted, self-describing scrypt hash with N of at least 2^15, never the password", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^scrypt\$N=(\d+),r=8,p=1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(Number(/N=(\d+)/.exec(hash)![1])).toBeGreaterThanOrEqual(2 ** 15);
    expect(hash).not.toContain("correct horse battery");
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
  });

  it("gives the same password a different hash each time (random salt)", async () => {
    const [a, b] = await Promise.all([hashPassword("same password!"), hashPassword("same password!")]);
    expect(a).not.toBe(b);
    expect(await verifyPassword("same password!", a)).toBe(true);
    expect(await verifyPassword("same password!", b)).toBe(true);
  });

  it("accepts only the right password", async () => {
    const hash = await hashPassword("recdesk-demo");
    expect(await verifyPassword("recdesk-demo", hash)).toBe(true);
    expect(await verifyPassword("recdesk-demO", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("says no (without throwing) to a missing, foreign or tampered hash", async () => {
    const hash = await hashPassword("recdesk-demo");
    expect(await verifyPassword("recdesk-demo", null)).toBe(false);
    expect(await verifyPassword("recdesk-demo", "$2b$10$bcrypt-hash-from-elsewhere")).toBe(false);
    expect(await verifyPassword("recdesk-demo", hash.replace("N=32768", "N=1024"))).toBe(false); // too cheap: refused
    expect(await verifyPassword("recdesk-demo", hash.replace("N=32768", "N=1073741824"))).toBe(false); // memory bomb: refused
    const parts = hash.split("$");
    const flipped = Buffer.from(parts[3]!, "base64");
    flipped[0]! ^= 1;
    expect(
      await verifyPassword("recdesk-demo", [parts[0], parts[1], parts[2], flipped.toString("base64")].join("$")),
    ).toBe(false);
  });

  it("still verifies hashes made with other (stronger) parameters, as the format records them", async () => {
    const { scryptSync, randomBytes } = await import("node:crypto");
    const salt = randomBytes(16);
    const key = scryptSync("rotated cost", salt, 32, { N: 2 ** 16, r: 8, p: 1, maxmem: 256 * 1024 * 1024 });
    const stored = `scrypt$N=65536,r=8,p=1$${salt.toString("base64")}$${key.toString("base64")}`;
    expect(await verifyPassword("rotated cost", stored)).toBe(true);
  });
});
