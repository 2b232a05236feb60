import { Worker } from "node:worker_threads";
import { componentLogger } from "@/lib/observability/logger";
import type { SimTask } from "../types";
import type { BindCallbacksInput } from "./callbacks";
import type { SimulatorOptions } from "./index";
import type { RateWindow } from "./rate-windows";
import type { ThreadAnswer, ThreadQueries, ThreadReady, ThreadRequest, ThreadStart } from "./thread-protocol";

/**
 * A simulator running in a worker thread: the HTTP address and credentials callers need, and its state only by
 * asking (so those methods are async, unlike the in-process Simulator's).
 */
export interface SimulatorThread {
  url: string;
  port: number;
  secretId: string;
  secretKey: string;
  sessionToken?: string;
  /** The worker's threadId: never the main thread's 0. */
  threadId: number;
  listTasks(): Promise<SimTask[]>;
  callCount(action?: string): Promise<number>;
  rateWindows(action: string): Promise<RateWindow[]>;
  /** Stops serving and ends the thread; resolves once it has exited. */
  close(): Promise<void>;
}

const THREAD_NAME = "recdesk-simulator";
// How long close() lets the thread close its server and exit on its own before terminating it.
const CLOSE_TIMEOUT_MS = 5_000;

/**
 * Starts the simulator in a worker thread. The credentials are the caller's to make, so they never have to
 * travel back; `callbacks` is bound before the thread reports ready.
 */
export async function startSimulatorThread(
  options: SimulatorOptions & { secretId: string; secretKey: string },
  callbacks?: BindCallbacksInput,
): Promise<SimulatorThread> {
  const worker = spawnThread({ options, callbacks });
  const exited = new Promise<number>((resolve) => worker.once("exit", resolve));

  const ready = await new Promise<ThreadReady>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
    void exited.then((code) => reject(new Error(`the simulator's thread exited (${code}) before it was ready`)));
  });
  if (ready.type === "failed") {
    await exited;
    throw Object.assign(new Error(ready.message), ready.code ? { code: ready.code } : {});
  }

  let nextId = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  worker.on("message", (a: ThreadAnswer) => {
    const p = pending.get(a.id);
    if (!p) return;
    pending.delete(a.id);
    if (a.error !== undefined) p.reject(new Error(a.error));
    else p.resolve(a.value);
  });
  worker.on("error", (err) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  });
  let exitCode: number | undefined;
  const gone = () => new Error(`the simulator's thread has exited (${exitCode})`);
  let closing: Promise<void> | undefined;
  void exited.then((code) => {
    exitCode = code;
    for (const p of pending.values()) p.reject(gone());
    pending.clear();
    // Every call to the simulator fails from here on (connection refused): say why, once, where operators look.
    if (!closing)
      componentLogger("simulator").error(
        { event: "simulator.thread-exited", code },
        `The simulator's thread exited unexpectedly (code ${code}): calls to it fail until RecDesk restarts.`,
      );
  });

  function ask<K extends keyof ThreadQueries>(
    query: K,
    ...args: Parameters<ThreadQueries[K]>
  ): Promise<ReturnType<ThreadQueries[K]>> {
    return new Promise((resolve, reject) => {
      if (exitCode !== undefined) return reject(gone());
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, query, args } as ThreadRequest);
    });
  }

  return {
    url: ready.url,
    port: ready.port,
    secretId: options.secretId,
    secretKey: options.secretKey,
    sessionToken: options.sessionToken,
    threadId: ready.threadId,
    listTasks: () => ask("listTasks"),
    callCount: (action) => (action === undefined ? ask("callCount") : ask("callCount", action)),
    rateWindows: (action) => ask("rateWindows", action),
    close: () =>
      (closing ??= (async () => {
        worker.postMessage({ type: "close" });
        const timer = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      })()),
  };
}

/**
 * Inside Next's server (next start, next dev, the standalone server) Turbopack has bundled ./thread-entry.ts as a
 * chunk of its own (.next/server/chunks/[worker thread]-lib_tencent-live_simulator_thread-entry_ts_<hash>._.js,
 * traced into the standalone output). It does so only for `new Worker(new URL("…", import.meta.url), {…})` with
 * an object literal for options: given options it cannot read, it just copies the .ts source, which Node cannot run.
 * Without a bundler (vitest, tsx scripts) that URL names the TypeScript source, which Node 20 will not load, and a
 * thread inherits neither vitest's transform nor tsx's loader (nor runs `--import` from its execArgv), so there
 * the thread registers tsx itself before importing the entry.
 */
function spawnThread(workerData: ThreadStart): Worker {
  if (process.env.NEXT_RUNTIME)
    return new Worker(new URL("./thread-entry.ts", import.meta.url), { name: THREAD_NAME, workerData });
  const entry = import.meta.url.replace(/thread\.ts$/, "thread-entry.ts");
  const boot = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { name: THREAD_NAME, workerData, eval: true });
}
