// Per-action, per-second rate limiting in calendar-second windows (the unit Tencent documents), and the
// record of every window so tests can prove "never faster than the limit" by counting, not timing.

export interface RateWindow {
  second: number;
  received: number;
  accepted: number;
  limited: number;
}

const KEEP_SECONDS = 900;

export class RateWindows {
  private windows = new Map<string, Map<number, RateWindow>>();

  constructor(private limits: Record<string, number>) {}

  limitOf(action: string): number {
    return this.limits[action] ?? Infinity;
  }

  /** Counts the call in its second; true when it is within the limit. */
  admit(action: string, nowMs = Date.now()): boolean {
    const second = Math.floor(nowMs / 1000);
    let perAction = this.windows.get(action);
    if (!perAction) this.windows.set(action, (perAction = new Map()));
    let w = perAction.get(second);
    if (!w) {
      perAction.set(second, (w = { second, received: 0, accepted: 0, limited: 0 }));
      perAction.delete(second - KEEP_SECONDS);
    }
    w.received += 1;
    if (w.accepted < this.limitOf(action)) {
      w.accepted += 1;
      return true;
    }
    w.limited += 1;
    return false;
  }

  history(action: string): RateWindow[] {
    return [...(this.windows.get(action)?.values() ?? [])].sort((a, b) => a.second - b.second);
  }

  all(): Record<string, RateWindow[]> {
    return Object.fromEntries([...this.windows.keys()].map((a) => [a, this.history(a)]));
  }

  clear(): void {
    this.windows.clear();
  }
}
