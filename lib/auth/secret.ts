import "server-only";
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { RecDeskConfig } from "@/lib/config";

const FILE_NAME = "auth-secret";

/**
 * The key that signs and encrypts session cookies. Production sets AUTH_SECRET (the config refuses to start
 * without it). A demo needs no setup, so it generates one once and keeps it in the data directory: sessions then
 * survive a restart. The value is never logged.
 */
export function resolveAuthSecret(config: Pick<RecDeskConfig, "authSecret" | "demoMode" | "dataDir">): string {
  if (config.authSecret) return config.authSecret;
  if (!config.demoMode) throw new Error("AUTH_SECRET is missing: it is required outside demo mode");
  const file = path.join(config.dataDir, FILE_NAME);
  fs.mkdirSync(config.dataDir, { recursive: true });
  try {
    // "wx": two processes starting together must not overwrite each other's secret; the loser reads the winner's.
    fs.writeFileSync(file, randomBytes(48).toString("base64url"), { flag: "wx", mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  const secret = fs.readFileSync(file, "utf8").trim();
  if (secret.length < 32)
    throw new Error(`The demo session key in ${file} is damaged; delete the file to get a new one`);
  return secret;
}
