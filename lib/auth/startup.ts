import "server-only";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { ensureDemoAccounts } from "./demo-accounts";
import { resolveAuthSecret } from "./secret";

/** Start-up step: in demo mode, the demo accounts and the persisted session key; outside it, nothing. */
export async function prepareAuth(): Promise<void> {
  const config = getConfig();
  resolveAuthSecret(config);
  if (config.demoMode) await ensureDemoAccounts(await getDb());
}
