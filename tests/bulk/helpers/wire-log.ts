import http from "node:http";
import type { AddressInfo } from "node:net";

export interface WireCall {
  action: string;
  taskId?: string;
  status: number;
  /** Response.Error.Code, when Tencent (the simulator) answered with one. */
  code?: string;
  at: number;
}

export interface WireLog {
  url: string;
  calls: WireCall[];
  /** TaskIds the simulator answered StopLiveRecord with success, and how many times each. */
  okStops(): Map<string, number>;
  /** StopLiveRecord requests received whose answer has not yet been handed back to the client. */
  stopsInFlight(): number;
  close(): Promise<void>;
}

/**
 * A transparent recorder between the client and the simulator: every StopLiveRecord on the wire, with the TaskId
 * it carried and what came back. It forwards the exact bytes and the Host header, so TC3 signatures still verify.
 */
export async function startWireLog(target: string): Promise<WireLog> {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const calls: WireCall[] = [];
  let stopsInFlight = 0;
  const server = http.createServer((req, res) => {
    const isStop = req.headers["x-tc-action"] === "StopLiveRecord";
    if (isStop) stopsInFlight++;
    res.on("close", () => {
      if (isStop) stopsInFlight--;
    });
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const action = String(req.headers["x-tc-action"] ?? "");
      const taskId = /"TaskId"\s*:\s*"?(\d+)/.exec(body.toString("utf8"))?.[1];
      const out = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
          agent,
        },
        (up) => {
          const parts: Buffer[] = [];
          up.on("data", (c: Buffer) => parts.push(c));
          up.on("end", () => {
            const text = Buffer.concat(parts).toString("utf8");
            calls.push({
              action,
              taskId,
              status: up.statusCode ?? 0,
              code: /"Code"\s*:\s*"([^"]+)"/.exec(text)?.[1],
              at: Date.now(),
            });
            res.writeHead(up.statusCode ?? 502, up.headers);
            res.end(text);
          });
        },
      );
      out.on("error", () => {
        calls.push({ action, taskId, status: 0, at: Date.now() });
        res.destroy();
      });
      res.on("close", () => {
        if (!res.writableFinished) out.destroy();
      });
      out.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const sockets = new Set<import("node:net").Socket>();
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    okStops() {
      const m = new Map<string, number>();
      for (const c of calls)
        if (c.action === "StopLiveRecord" && c.status === 200 && !c.code && c.taskId)
          m.set(c.taskId, (m.get(c.taskId) ?? 0) + 1);
      return m;
    },
    stopsInFlight: () => stopsInFlight,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}
