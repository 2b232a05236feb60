// The simulator in a process of its own, driven through its /_sim/ control API. Tencent Cloud does not share
// RecDesk's event loop; an in-process simulator does, so every PGlite write in the bulk worker would also stall
// the "server" and bunch its per-second count, which no real deployment sees.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { RateWindow } from "@/lib/tencent-live/simulator";
import type { SimTask } from "@/lib/tencent-live/types";

export interface SimulatorProcess {
  url: string;
  port: number;
  secretId: string;
  secretKey: string;
  listTasks(): Promise<SimTask[]>;
  /** The RecordTasks Tencent would list (GET /_sim/record-tasks). */
  listRecordTasks(): Promise<{ taskId: string; streamName: string; domainName: string; appName: string }[]>;
  rateWindows(action: string): Promise<RateWindow[]>;
  close(): Promise<void>;
}

export async function startSimulatorProcess(o: {
  latencyMs: number;
  tasks: number;
  streams: number;
  seed: number;
  stopLimit: number;
  /** RecordTasks seeded beside the legacy tasks (default none). */
  recordTasks?: number;
}): Promise<SimulatorProcess> {
  const secretId = `AKIDbench${randomBytes(8).toString("hex")}`;
  const secretKey = randomBytes(16).toString("hex");
  const args = [
    "--import",
    "tsx",
    "lib/tencent-live/simulator/cli.ts",
    "--port",
    "0",
    "--control",
    "--secret-id",
    secretId,
    "--secret-key",
    secretKey,
    "--latency-ms",
    String(o.latencyMs),
    "--tasks",
    String(o.tasks),
    "--streams",
    String(o.streams),
    "--seed",
    String(o.seed),
    "--stop-limit",
    String(o.stopLimit),
    ...(o.recordTasks ? ["--record-tasks", String(o.recordTasks)] : []),
  ];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      out += chunk;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once("exit", (code) => reject(new Error(`simulator exited with ${code} before listening:\n${out}`)));
  });
  child.stdout.resume();
  const get = async <T>(path: string): Promise<T> => {
    const r = await fetch(`${url}${path}`);
    if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
    return (await r.json()) as T;
  };
  return {
    url,
    port: Number(new URL(url).port),
    secretId,
    secretKey,
    listTasks: async () => (await get<{ tasks: SimTask[] }>("/_sim/tasks")).tasks,
    listRecordTasks: async () =>
      (
        await get<{ tasks: { taskId: string; streamName: string; domainName: string; appName: string }[] }>(
          "/_sim/record-tasks",
        )
      ).tasks,
    rateWindows: async (action) =>
      (await get<{ rateWindows: Record<string, RateWindow[]> }>("/_sim/calls")).rateWindows[action] ?? [],
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
