import "server-only";
import { parseConfig, type RecDeskConfig } from "./config-schema";

export type { RecDeskConfig } from "./config-schema";

let cached: RecDeskConfig | undefined;

/**
 * The one validated view of the environment. Parsed once per process; the first caller (the
 * instrumentation hook at start-up) turns a bad variable into one clear line and exits.
 */
export function getConfig(): RecDeskConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Tests change the environment between cases; production never calls this. */
export function resetConfigForTests(): void {
  cached = undefined;
}
