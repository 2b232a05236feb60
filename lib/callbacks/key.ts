import type { RecDeskConfig } from "@/lib/config-types";
import { DEMO_CALLBACK_KEY } from "./demo-key";

/**
 * The key callbacks are verified with, or null when the endpoint is off. Outside demo mode only
 * TENCENTCLOUD_CALLBACK_KEY turns it on; the demo falls back to the key its own simulator signs with.
 */
export function callbackKey(config: Pick<RecDeskConfig, "callbackKey" | "demoMode">): string | null {
  if (config.callbackKey) return config.callbackKey;
  return config.demoMode ? DEMO_CALLBACK_KEY : null;
}
