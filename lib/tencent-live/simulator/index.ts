import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { DOCUMENTED_RATE_LIMITS, LIVE_API_VERSION, type RunningSimulator, type SimTask } from "../types";
import { parseLossless, stringifyLossless } from "../wire";
import { HANDLERS } from "./actions";
import { verifyRequest } from "./auth";
import { startCallbacks, type BindCallbacksInput } from "./callbacks";
import type { CallbackDelivery } from "./callback-sender";
import { handleControl, type ControlContext } from "./control";
import { FaultQueue, defaultFaultMessage, type FaultSpec } from "./faults";
import { checkParams } from "./params";
import { RateWindows, type RateWindow } from "./rate-windows";
import { DEFAULT_TASK_ID_BASE, SimState, streamKey, type SeedOptions } from "./state";

// A standalone Live API 3.0 server for demo mode and tests: POST / with X-TC-* headers, real TC3
// verification, the {"Response": …} envelope with a fresh RequestId, state, rate limits and faults.
// Plain Node: no Next, no server-only, so `npm run simulator` and vitest load it directly.

export type { RunningSimulator } from "../types";
export type { FaultSpec } from "./faults";
export type { RateWindow } from "./rate-windows";
export type { CallbackDelivery } from "./callback-sender";

export interface SimulatorOptions {
  port?: number;
  host?: string;
  secretId?: string;
  secretKey?: string;
  sessionToken?: string;
  streams?: number;
  tasks?: number;
  /** First TaskId (decimal string up to 18446744073709551615). */
  taskIdBase?: string;
  seed?: number;
  latencyMs?: number;
  /** Enables the /_sim/ control API over HTTP. The in-process methods below work regardless. */
  control?: boolean;
  rateLimits?: Partial<Record<string, number>>;
  /** Wait between callback delivery attempts (Tencent: 60000). Tests shorten it. */
  callbackRetryMs?: number;
  /** Callback retries after the first attempt (Tencent: 12). */
  callbackMaxRetries?: number;
  /** How long a callback attempt may wait for an answer (Tencent: about 20000). */
  callbackTimeoutMs?: number;
}

/** The contract's RunningSimulator plus in-process controls for tests and benches. */
export interface Simulator extends RunningSimulator {
  inject(fault: FaultSpec): void;
  clearFaults(): void;
  setLatency(ms: number): void;
  reset(o?: Partial<SeedOptions>): void;
  rateWindows(action: string): RateWindow[];
  setStreamOnline(s: { streamName: string; appName?: string; domainName?: string; online: boolean }): void;
  /** Every callback sent or being sent, oldest first (also GET /_sim/callbacks). */
  callbackDeliveries(): CallbackDelivery[];
  /**
   * Demo mode's shortcut for CreateLiveCallbackTemplate + CreateLiveCallbackRule: one template sending
   * every event to `url`, bound to every push domain for each AppName.
   */
  bindCallbacks(i: BindCallbacksInput): void;
}

const MAX_BODY = 1 << 20;

export async function startSimulator(o: SimulatorOptions = {}): Promise<Simulator> {
  const creds = {
    secretId: o.secretId ?? `AKIDsim${randomBytes(10).toString("hex")}`,
    secretKey: o.secretKey ?? randomBytes(24).toString("base64url"),
    sessionToken: o.sessionToken,
  };
  let seedOpts: SeedOptions = {
    seed: o.seed ?? 20181,
    streams: o.streams ?? 240,
    tasks: o.tasks ?? 60,
    taskIdBase: o.taskIdBase ?? DEFAULT_TASK_ID_BASE,
  };
  if (!/^[1-9]\d{0,19}$/.test(seedOpts.taskIdBase) || BigInt(seedOpts.taskIdBase) > 18446744073709551615n) {
    throw new Error(`taskIdBase must be a decimal integer 1..18446744073709551615, got "${seedOpts.taskIdBase}"`);
  }
  const state = new SimState(seedOpts);
  const faults = new FaultQueue();
  const windows = new RateWindows({
    ...DOCUMENTED_RATE_LIMITS,
    ...(o.rateLimits as Record<string, number> | undefined),
  });
  const calls = new Map<string, number>();
  const hanging = new Set<http.ServerResponse>();
  let latencyMs = Math.max(0, o.latencyMs ?? 0);
  const callbacks = startCallbacks(state, {
    retryMs: o.callbackRetryMs,
    maxRetries: o.callbackMaxRetries,
    timeoutMs: o.callbackTimeoutMs,
  });

  const ctx: ControlContext = {
    enabled: Boolean(o.control),
    inject: (f) => faults.add(f),
    clearFaults: () => faults.clear(),
    pendingFaults: () => faults.pending(),
    setLatency: (ms) => (latencyMs = Math.max(0, ms)),
    reset: (r = {}) => {
      seedOpts = { ...seedOpts, ...r };
      state.seed(seedOpts);
      faults.clear();
      windows.clear();
      calls.clear();
      callbacks.reset();
    },
    calls: () => ({
      total: [...calls.values()].reduce((a, b) => a + b, 0),
      byAction: Object.fromEntries(calls),
      rateWindows: windows.all(),
    }),
    tasks: () => state.listTasks(),
    setStreamOnline: (s) => {
      const domainName = s.domainName ?? state.pushDomains[0]!.name;
      const appName = s.appName ?? "live";
      const key = streamKey(domainName, appName, s.streamName);
      if (!s.online) {
        const was = state.online.get(key);
        if (was && state.online.delete(key)) callbacks.streamEnded(was, Date.now());
      } else if (!state.online.has(key)) {
        state.online.set(key, {
          domainName,
          appName,
          streamName: s.streamName,
          publishTimes: [new Date().toISOString().replace(/\.\d{3}Z$/, "Z")],
          pushToDelay: 0,
        });
        callbacks.streamBegan(state.online.get(key)!, Date.now());
      }
    },
    callbacks: () => callbacks.sender.list(),
    clearCallbacks: () => callbacks.sender.clear(),
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      if ((req.url ?? "/").startsWith("/_sim/")) return handleControl(ctx, req, body, res);
      void answer(req, body, size, res);
    });
  });
  // Idle connections are the client's to end (it drops them after 4 s, lib/tencent-live/transport.ts), as with
  // API gateways that keep them a minute. With Node's 5 s default, a simulator sharing an event loop with
  // PGlite (demo mode, tests) could, after a long synchronous stall, close a socket whose next request was
  // already waiting in the buffer: a spurious reset of a call the service never saw.
  server.keepAliveTimeout = 60_000;

  async function answer(
    req: http.IncomingMessage,
    body: Buffer,
    size: number,
    res: http.ServerResponse,
  ): Promise<void> {
    const action = String(req.headers["x-tc-action"] ?? "");
    calls.set(action, (calls.get(action) ?? 0) + 1);
    const now = Date.now();
    const traceId = req.headers["x-tc-traceid"];
    const fault = faults.take(action);
    const delay = latencyMs + (fault?.mode === "latency" ? (fault.latencyMs ?? 1000) : 0);
    const respond = (status: number, contentType: string, text: string) => {
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(status, {
          "Content-Type": contentType,
          ...(typeof traceId === "string" ? { "X-TC-TraceId": traceId } : {}),
        });
        res.end(text);
      };
      if (delay > 0) setTimeout(send, delay).unref();
      else send();
    };
    const envelope = (payload: Record<string, unknown>) =>
      respond(200, "application/json", stringifyLossless({ Response: { ...payload, RequestId: randomUUID() } }));
    const error = (code: string, message: string) => envelope({ Error: { Code: code, Message: message } });

    if (fault) {
      if (fault.mode === "hang") {
        hanging.add(res);
        res.on("close", () => hanging.delete(res));
        return;
      }
      if (fault.mode === "reset") {
        req.socket.destroy();
        return;
      }
      if (fault.mode === "http502")
        return respond(502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>");
      if (fault.mode === "non-json")
        return respond(200, "text/html", "<html><body>upstream temporarily unavailable</body></html>");
    }

    if (req.method !== "POST")
      return error("UnsupportedProtocol", "This simulator accepts only POST with a JSON body.");
    if (size > MAX_BODY) return error("RequestSizeLimitExceeded", "The request body is larger than 1 MB.");
    if (!action) return error("MissingParameter", "The request is missing a required parameter `Action`.");
    const version = req.headers["x-tc-version"];
    if (!version) return error("MissingParameter", "The request is missing a required parameter `Version`.");
    if (!HANDLERS[action]) return error("InvalidAction", `The action \`${action}\` does not exist for this service.`);
    if (version !== LIVE_API_VERSION)
      return error("NoSuchVersion", `The API version \`${String(version)}\` does not exist; use ${LIVE_API_VERSION}.`);

    const authError = verifyRequest(req.headers, body, creds, Math.floor(now / 1000));
    if (authError) return error(authError.code, authError.message);

    if (fault?.mode === "error")
      return error(fault.code ?? "InternalError", fault.message ?? defaultFaultMessage(fault.code ?? "InternalError"));

    if (!windows.admit(action, now)) {
      return error(
        "RequestLimitExceeded",
        `Your current request rate for ${action} exceeds ${windows.limitOf(action)} per second.`,
      );
    }

    let parsed: unknown;
    try {
      parsed = parseLossless(body.toString("utf8") || "{}");
    } catch {
      return error("InvalidParameter", "The request body is not valid JSON.");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      return error("InvalidParameter", "The request body must be a JSON object.");
    const checked = checkParams(action, parsed as Record<string, unknown>);
    if (!checked.ok) return error(checked.error.code, checked.error.message);

    const outcome = HANDLERS[action]!(state, checked.params, now);
    if ("error" in outcome) return error(outcome.error.code, outcome.error.message);
    return envelope(outcome.data);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port ?? 0, o.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = o.host ?? "127.0.0.1";
  const sockets = new Set<Socket>();
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });

  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    secretId: creds.secretId,
    secretKey: creds.secretKey,
    sessionToken: creds.sessionToken,
    listTasks: (): SimTask[] => state.listTasks(),
    callCount: (action?: string) =>
      action === undefined ? [...calls.values()].reduce((a, b) => a + b, 0) : (calls.get(action) ?? 0),
    inject: ctx.inject,
    clearFaults: ctx.clearFaults,
    setLatency: ctx.setLatency,
    reset: ctx.reset,
    rateWindows: (action) => windows.history(action),
    setStreamOnline: ctx.setStreamOnline,
    callbackDeliveries: () => callbacks.sender.list(),
    bindCallbacks: (i) => callbacks.bind(i, Date.now()),
    close: () =>
      new Promise<void>((resolve) => {
        callbacks.sender.close();
        for (const r of hanging) r.destroy();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
