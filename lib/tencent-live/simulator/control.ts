import type http from "node:http";
import type { SimTask } from "../types";
import type { CallbackDelivery } from "./callback-sender";
import { FAULT_MODES, type FaultSpec } from "./faults";
import type { RateWindow } from "./rate-windows";
import type { SeedOptions } from "./state";

// The /_sim/ control API: not Tencent's, so it is refused unless the simulator was started with
// control enabled (--control, RECDESK_SIMULATOR_CONTROL). It carries no authentication of its own;
// it is meant for 127.0.0.1 in tests and demos only.

export interface ControlContext {
  enabled: boolean;
  inject(f: FaultSpec): void;
  clearFaults(): void;
  pendingFaults(): FaultSpec[];
  setLatency(ms: number): void;
  reset(o?: Partial<SeedOptions>): void;
  calls(): { total: number; byAction: Record<string, number>; rateWindows: Record<string, RateWindow[]> };
  tasks(): SimTask[];
  setStreamOnline(s: { streamName: string; appName?: string; domainName?: string; online: boolean }): void;
  callbacks(): CallbackDelivery[];
  clearCallbacks(): void;
}

export function handleControl(
  ctx: ControlContext,
  req: http.IncomingMessage,
  body: Buffer,
  res: http.ServerResponse,
): void {
  const send = (status: number, payload: unknown) => {
    res.writeHead(status, { "Content-Type": "application/json" });
    res.end(JSON.stringify(payload));
  };
  if (!ctx.enabled)
    return send(403, { error: "The simulator control API is disabled; start the simulator with --control." });

  let input: Record<string, unknown> = {};
  if (body.length) {
    try {
      const parsed: unknown = JSON.parse(body.toString("utf8"));
      if (typeof parsed === "object" && parsed !== null) input = parsed as Record<string, unknown>;
    } catch {
      return send(400, { error: "body must be JSON" });
    }
  }
  const route = `${req.method} ${(req.url ?? "").split("?")[0]}`;
  const num = (k: string) => (typeof input[k] === "number" ? (input[k] as number) : undefined);
  const text = (k: string) => (typeof input[k] === "string" ? (input[k] as string) : undefined);

  switch (route) {
    case "GET /_sim/calls":
      return send(200, ctx.calls());
    case "GET /_sim/tasks":
      return send(200, { tasks: ctx.tasks() });
    case "GET /_sim/faults":
      return send(200, { faults: ctx.pendingFaults() });
    case "POST /_sim/faults": {
      const mode = text("mode") as FaultSpec["mode"] | undefined;
      if (!mode || !FAULT_MODES.includes(mode))
        return send(400, { error: `mode must be one of ${FAULT_MODES.join(", ")}` });
      if (mode === "error" && !text("code"))
        return send(400, { error: "mode error needs a code, e.g. ResourceNotFound.StopService" });
      ctx.inject({
        action: text("action") ?? "*",
        mode,
        code: text("code"),
        message: text("message"),
        count: num("count") ?? 1,
        latencyMs: num("latencyMs"),
      });
      return send(200, { faults: ctx.pendingFaults() });
    }
    case "DELETE /_sim/faults":
      ctx.clearFaults();
      return send(200, { faults: [] });
    case "POST /_sim/latency": {
      const ms = num("latencyMs");
      if (ms === undefined || ms < 0) return send(400, { error: "latencyMs must be a number ≥ 0" });
      ctx.setLatency(ms);
      return send(200, { latencyMs: ms });
    }
    case "POST /_sim/reset": {
      const taskIdBase = text("taskIdBase");
      if (taskIdBase !== undefined && !/^[1-9]\d{0,19}$/.test(taskIdBase))
        return send(400, { error: "taskIdBase must be a decimal integer" });
      const opts: Partial<SeedOptions> = {};
      if (num("seed") !== undefined) opts.seed = num("seed");
      if (num("streams") !== undefined) opts.streams = num("streams");
      if (num("tasks") !== undefined) opts.tasks = num("tasks");
      if (taskIdBase !== undefined) opts.taskIdBase = taskIdBase;
      ctx.reset(opts);
      return send(200, { ok: true, tasks: ctx.tasks().length });
    }
    case "POST /_sim/streams":
    case "POST /_sim/streams/push":
    case "POST /_sim/streams/stop": {
      // A push starting or stopping; with a callback rule bound, it sends the stream begin/end callback.
      const streamName = text("streamName");
      if (!streamName) return send(400, { error: "streamName is required" });
      ctx.setStreamOnline({
        streamName,
        appName: text("appName"),
        domainName: text("domainName"),
        online: route.endsWith("/push") || (route.endsWith("/streams") && input.online !== false),
      });
      return send(200, { ok: true });
    }
    case "GET /_sim/callbacks":
      return send(200, { deliveries: ctx.callbacks() });
    case "DELETE /_sim/callbacks":
      ctx.clearCallbacks();
      return send(200, { deliveries: [] });
    default:
      return send(404, { error: `unknown control route ${route}` });
  }
}
