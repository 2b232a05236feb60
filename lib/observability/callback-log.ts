import { componentLogger } from "./logger";
import { labelValue } from "./metrics";

/**
 * For the callbacks endpoint (lib/callbacks/refusals.ts): one warn line per refused callback. `reason` is a short
 * code (bad-sign, expired, malformed…); `eventType` is Tencent's event_type when the body had one. Neither the
 * body nor the sign is logged: the body names streams, and the sign is derived from the callback key.
 */
export function logRefusedCallback(r: { reason: string; eventType?: string | number; clientIp?: string }): void {
  componentLogger("callbacks").warn(
    {
      event: "callback.refused",
      reason: labelValue(r.reason),
      eventType: r.eventType === undefined ? undefined : labelValue(String(r.eventType)),
      clientIp: r.clientIp,
    },
    `refused a callback: ${r.reason}`,
  );
}
