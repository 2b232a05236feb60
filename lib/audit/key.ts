import fs from "node:fs";
import path from "node:path";
import { createHmac, randomBytes } from "node:crypto";

const FILE_NAME = "audit-key";

/**
 * The key of the audit chain's HMAC (RECDESK_AUDIT_KEY). Whoever can write the database but does not hold it
 * cannot recompute a keyed chain that verifies. Kept on globalThis because Next bundles the start-up hook
 * and the server actions separately; both must see the one key the start-up step loaded.
 */
const holder = globalThis as unknown as { __recdeskAuditKey?: string };

/** Loads the key every later append and verification of this process uses; undefined = the old, unkeyed rule. */
export function loadAuditKey(key: string | undefined): void {
  holder.__recdeskAuditKey = key;
}

export function loadedAuditKey(): string | undefined {
  return holder.__recdeskAuditKey;
}

/** Identifies a key without revealing it: the key-switch record keeps it, so a wrong key is named as such. */
export function auditKeyFingerprint(key: string): string {
  return createHmac("sha256", key).update("recdesk audit key fingerprint").digest("hex").slice(0, 16);
}

/**
 * RECDESK_AUDIT_KEY, or in demo mode a random key kept in `<RECDESK_DATA_DIR>/audit-key` (mode 600), created once
 * like the demo session key (lib/auth/secret.ts). `create: false` (tools such as user:add) only reads an
 * existing file.
 */
export function resolveAuditKey(
  config: { auditKey?: string; demoMode: boolean; dataDir: string },
  opts: { create?: boolean } = {},
): string | undefined {
  if (config.auditKey) return config.auditKey;
  if (!config.demoMode) throw new Error("RECDESK_AUDIT_KEY is missing: it is required outside demo mode");
  const file = path.join(config.dataDir, FILE_NAME);
  if (opts.create !== false) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    try {
      // "wx": two processes starting together must not overwrite each other's key; the loser reads the winner's.
      fs.writeFileSync(file, randomBytes(48).toString("base64url"), { flag: "wx", mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  } else if (!fs.existsSync(file)) {
    return undefined;
  }
  const key = fs.readFileSync(file, "utf8").trim();
  if (key.length < 32)
    throw new Error(
      `The demo audit key in ${file} is damaged; without it the chain's keyed records cannot be verified`,
    );
  return key;
}
