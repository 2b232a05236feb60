import { say } from "@/lib/validation/messages";

// Work that must finish before the process exits: server actions and route handlers that may have an audit
// intent open (a single Stop, a Create). Shutdown waits for the count to reach zero, up to its grace period.

interface InFlight {
  count: number;
  idle: Array<() => void>;
}
const KEY = Symbol.for("recdesk.observability.in-flight");

function state(): InFlight {
  const g = globalThis as unknown as Record<symbol, InFlight | undefined>;
  g[KEY] ??= { count: 0, idle: [] };
  return g[KEY];
}

export async function trackInFlight<T>(work: () => Promise<T>): Promise<T> {
  const s = state();
  s.count += 1;
  try {
    return await work();
  } finally {
    s.count -= 1;
    if (s.count === 0) for (const resolve of s.idle.splice(0)) resolve();
  }
}

/** Resolves when nothing is in flight, or at the deadline; answers how many were still running. */
export async function waitForInFlight(timeoutMs: number): Promise<number> {
  const s = state();
  if (s.count > 0) {
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      s.idle.push(resolve);
      timer = setTimeout(resolve, timeoutMs);
    });
    clearTimeout(timer);
  }
  return s.count;
}

/** What an action or route answers once shutdown has begun (the load balancer sends the retry elsewhere). */
export const SHUTTING_DOWN_MESSAGE = say("actions.common.shuttingDown");
