// Fault injection: "the next N calls of action X (or of any action, '*') go wrong this way".

export type FaultMode = "error" | "http502" | "non-json" | "reset" | "hang" | "latency";
export const FAULT_MODES: readonly FaultMode[] = ["error", "http502", "non-json", "reset", "hang", "latency"];

export interface FaultSpec {
  action?: string;
  mode: FaultMode;
  /** For mode "error": any code, e.g. ResourceNotFound.StopService or RequestLimitExceeded. */
  code?: string;
  message?: string;
  /** How many matching calls it affects, default 1. */
  count?: number;
  /** For mode "latency": extra delay before the (otherwise normal) answer. */
  latencyMs?: number;
}

interface Fault extends FaultSpec {
  remaining: number;
}

export class FaultQueue {
  private faults: Fault[] = [];

  add(spec: FaultSpec): void {
    this.faults.push({ ...spec, action: spec.action ?? "*", remaining: Math.max(1, spec.count ?? 1) });
  }

  clear(): void {
    this.faults = [];
  }

  pending(): FaultSpec[] {
    return this.faults.map(({ remaining, ...f }) => ({ ...f, count: remaining }));
  }

  /** The first fault matching this action, consumed by one. */
  take(action: string): FaultSpec | undefined {
    const i = this.faults.findIndex((f) => f.action === "*" || f.action === action);
    if (i < 0) return undefined;
    const f = this.faults[i]!;
    f.remaining -= 1;
    if (f.remaining <= 0) this.faults.splice(i, 1);
    return f;
  }
}

export function defaultFaultMessage(code: string): string {
  return `Injected fault: ${code}.`;
}
