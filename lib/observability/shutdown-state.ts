// Whether this process has begun shutting down: readiness turns 503 at once so the load balancer stops sending.

const KEY = Symbol.for("recdesk.observability.shutting-down");

export function isShuttingDown(): boolean {
  return (globalThis as unknown as Record<symbol, boolean | undefined>)[KEY] === true;
}

export function markShuttingDown(): void {
  (globalThis as unknown as Record<symbol, boolean | undefined>)[KEY] = true;
}
