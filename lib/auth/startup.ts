import "server-only";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { disableDemoAccounts, ensureDemoAccounts } from "./demo-accounts";
import { resolveAuthSecret } from "./secret";
import { componentLogger } from "@/lib/observability/logger";

/**
 * Start-up step: in demo mode, the demo accounts and the persisted session key; outside it, no account with
 * the published demo password may sign in.
 */
export async function prepareAuth(): Promise<void> {
  const config = getConfig();
  resolveAuthSecret(config);
  if (config.demoMode) {
    await ensureDemoAccounts(await getDb());
    return;
  }
  const disabled = await disableDemoAccounts(await getDb());
  if (disabled.length > 0) {
    componentLogger("auth").warn(
      { event: "auth.demo-accounts-disabled" },
      `RecDesk: disabled ${disabled.join(", ")}: demo accounts with the demo password must not sign in outside demo mode. An admin can re-enable one after resetting its password.`,
    );
  }
}
