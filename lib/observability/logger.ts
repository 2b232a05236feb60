import pino, { type Logger } from "pino";
import pretty from "pino-pretty";
import { REDACT_PATHS, REDACTED, scrubFields, scrubText } from "./redact";
import { observabilitySettings } from "./settings";

// No "server-only" here: the CLI scripts (db:backup, audit:verify, user:add) log through the same logger.

export type { Logger } from "pino";

const KEY = Symbol.for("recdesk.observability.logger");

/**
 * The process's one logger (on globalThis: Next loads route handlers, pages and instrumentation in separate
 * bundles). One JSON object per line on stdout at LOG_LEVEL (default info); LOG_FORMAT=pretty for a terminal.
 * Secrets never reach a line: known fields are redacted and every string is scrubbed (./redact.ts).
 */
export function getLogger(): Logger {
  const g = globalThis as unknown as Record<symbol, Logger | undefined>;
  g[KEY] ??= createLogger();
  return g[KEY];
}

/** `destination` lets tests capture lines; production writes to stdout (fd 1) synchronously, so no line is lost at exit. */
export function createLogger(destination?: pino.DestinationStream, env = process.env): Logger {
  const settings = observabilitySettings(env, true);
  const stream =
    destination ??
    (settings.LOG_FORMAT === "pretty"
      ? pretty({ colorize: process.stdout.isTTY, sync: true, destination: 1 })
      : pino.destination({ dest: 1, sync: true }));
  return pino(
    {
      level: settings.LOG_LEVEL,
      base: { service: "recdesk", pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        // "level":"info" rather than 30: what log systems and people expect to filter on.
        level: (label) => ({ level: label }),
        log: (fields) => scrubFields(fields, env) as Record<string, unknown>,
      },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      hooks: {
        // The message text is scrubbed too: an upstream error message could quote a signature or a URL.
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === "string" ? scrubText(a, env) : a)) as typeof args;
          return method.apply(this, scrubbed);
        },
      },
    },
    stream,
  );
}

/** A named part of RecDesk (`component` on each line): tencent-live, bulk, auth, audit, startup… */
export function componentLogger(component: string): Logger {
  return getLogger().child({ component });
}
