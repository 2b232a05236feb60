import http from "node:http";
import https from "node:https";

// Plain node:http(s) with a keep-alive agent per endpoint: sockets are reused from call to call instead of
// paying a TCP (and TLS) handshake each; there is one per call in flight and no cap, because a request queued
// for a socket would spend its timeout waiting (tests/tencent-live/keep-alive.test.ts). We read the raw bytes so the caller can parse them
// losslessly. No proxy support on purpose: the SDK's silent use of http_proxy is one of its traps.

export interface RawResponse {
  status: number;
  statusText: string;
  body: string;
}

export type TransportFailure =
  | { kind: "timeout"; message: string }
  | { kind: "aborted"; message: string }
  | { kind: "network"; message: string; errorCode?: string };

export class TransportError extends Error {
  constructor(readonly failure: TransportFailure) {
    super(failure.message);
    this.name = "TransportError";
  }
}

const agents = new Map<string, http.Agent>();

function agentFor(url: URL): http.Agent {
  const key = url.origin;
  let agent = agents.get(key);
  if (!agent) {
    // Idle sockets are dropped after 4 s, before a typical 5 s server keep-alive timeout, so we rarely
    // write into a socket the server is closing.
    const opts = {
      keepAlive: true,
      keepAliveMsecs: 1000,
      timeout: 4000,
      maxFreeSockets: 64,
      scheduling: "lifo" as const,
    };
    agent = url.protocol === "https:" ? new https.Agent(opts) : new http.Agent(opts);
    agents.set(key, agent);
  }
  return agent;
}

export interface PostOptions {
  url: URL;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export function postJson(o: PostOptions): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const mod = o.url.protocol === "https:" ? https : http;
    const bytes = Buffer.from(o.body, "utf8");
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      o.signal?.removeEventListener("abort", onAbort);
      fn();
    };
    const req = mod.request(o.url, {
      method: "POST",
      agent: agentFor(o.url),
      headers: { ...o.headers, "Content-Length": String(bytes.length) },
    });
    const fail = (f: TransportFailure) =>
      finish(() => {
        req.destroy();
        reject(new TransportError(f));
      });
    const timer = setTimeout(
      () => fail({ kind: "timeout", message: `no answer within ${o.timeoutMs} ms` }),
      o.timeoutMs,
    );
    const onAbort = () => fail({ kind: "aborted", message: "cancelled by the caller" });
    if (o.signal?.aborted) return onAbort();
    o.signal?.addEventListener("abort", onAbort, { once: true });

    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        finish(() =>
          resolve({
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? "",
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        ),
      );
      res.on("error", (err: NodeJS.ErrnoException) =>
        fail({ kind: "network", message: err.message, errorCode: err.code }),
      );
      res.on("aborted", () =>
        fail({ kind: "network", message: "connection closed mid-response", errorCode: "ECONNRESET" }),
      );
    });
    req.on("error", (err: NodeJS.ErrnoException) =>
      fail({ kind: "network", message: err.message, errorCode: err.code }),
    );
    req.end(bytes);
  });
}
