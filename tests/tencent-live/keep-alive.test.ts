import diagnostics from "node:diagnostics_channel";
import type { ClientRequest } from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "@/lib/tencent-live/simulator";
import { clientFor, simulator } from "./helpers";

// A burst of calls must ride kept-alive sockets, not pay a TCP handshake each (lib/tencent-live/transport.ts).
// The simulator does not expose its sockets, so a tiny TCP proxy in front of it counts the connections the
// client opens; the client is pointed at the proxy.

interface CountingProxy {
  url: string;
  host: string;
  /** Connections accepted so far. */
  connections(): number;
  /** Client connections open now (busy or idle in the client's pool). */
  open(): number;
  close(): Promise<void>;
}

async function countingProxy(target: URL): Promise<CountingProxy> {
  let accepted = 0;
  const open = new Set<net.Socket>();
  const clients = new Set<net.Socket>();
  const server = net.createServer((client) => {
    accepted += 1;
    clients.add(client);
    client.on("close", () => clients.delete(client));
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      open.add(s);
      s.on("close", () => open.delete(s));
    }
    client.pipe(upstream).pipe(client);
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `http://${host}`,
    host,
    connections: () => accepted,
    open: () => clients.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * The most requests to `host` in flight at once: from the moment a request is sent to its "close", which
 * Node emits in the same tick as it hands the socket back to the agent's pool. That is how many sockets
 * the burst needed at the same time; a client that reuses idle sockets never opens more than that.
 */
function concurrencyMeter(host: string) {
  let inFlight = 0;
  let peak = 0;
  let started = 0;
  const onStart = (message: unknown) => {
    const request = (message as { request: ClientRequest }).request;
    if (request.getHeader("host") !== host) return;
    started += 1;
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    request.once("close", () => (inFlight -= 1));
  };
  diagnostics.subscribe("http.client.request.start", onStart);
  return {
    /** The peak since the last call; then starts over from what is in flight now. */
    takePeak: () => {
      const p = peak;
      peak = inFlight;
      return p;
    },
    started: () => started,
    stop: () => diagnostics.unsubscribe("http.client.request.start", onStart),
  };
}

const BURST = 50;

describe("the Live client reuses keep-alive connections", () => {
  let sim: Simulator;
  let proxy: CountingProxy;
  let meter: ReturnType<typeof concurrencyMeter>;

  beforeAll(async () => {
    sim = await simulator();
    proxy = await countingProxy(new URL(sim.url));
    meter = concurrencyMeter(proxy.host);
  });
  afterAll(async () => {
    meter.stop();
    await proxy.close();
    await sim.close();
  });

  it("serves a burst of 50 concurrent calls over no more sockets than were busy at once, and a second burst over the same ones", async () => {
    // Its own client (and so its own agent and rate-limit bucket: both are keyed by the endpoint's origin).
    const client = clientFor(sim, { endpoint: proxy.url });
    const burst = async () => {
      const before = sim.callCount("DescribeLiveDomains");
      const results = await Promise.all(Array.from({ length: BURST }, () => client.describeLiveDomains()));
      expect(results.filter((r) => !r.ok)).toEqual([]);
      expect(results.every((r) => r.attempts === 1)).toBe(true);
      expect(sim.callCount("DescribeLiveDomains") - before).toBe(BURST);
    };

    await burst();
    const first = proxy.connections();
    expect(meter.started()).toBe(BURST);
    expect(first).toBeGreaterThan(0);
    // A new connection only when every open one was busy: the sockets the burst's concurrency needed, no more.
    expect(first).toBeLessThanOrEqual(meter.takePeak());

    const idle = proxy.open();
    expect(idle).toBeGreaterThan(0);
    await burst();
    expect(meter.started()).toBe(2 * BURST);
    const second = proxy.connections() - first;
    // The second burst takes the first burst's idle sockets from the pool: it opens new ones only if it
    // needed more at once than the first burst left open.
    expect(second).toBeLessThanOrEqual(Math.max(0, meter.takePeak() - idle));
    // 100 calls, never a connection per call.
    expect(proxy.connections()).toBeLessThanOrEqual(BURST);
  });
});
