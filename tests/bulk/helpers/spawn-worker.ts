import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";

export interface WorkerProcess {
  child: ChildProcess;
  /** Latest progress line (sent = Stops handed to the client so far). */
  progress: { sent: number; stopped: number; failed: number; leading: boolean; inFlight?: number };
  events: Record<string, unknown>[];
  exited: Promise<number | null>;
}

const root = path.resolve(import.meta.dirname, "../../..");

/** Starts tests/bulk/helpers/worker-process.ts (or `script`) in its own Node process, as a separate RecDesk server would be. */
export function spawnWorker(
  env: Record<string, string>,
  script = "tests/bulk/helpers/worker-process.ts",
): WorkerProcess {
  // tsx as a loader inside one node process (not the tsx CLI, which forks): SIGKILL must hit the worker itself.
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", script], {
    cwd: root,
    env: { ...process.env, ...env, http_proxy: "", HTTP_PROXY: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const w: WorkerProcess = {
    child,
    progress: { sent: 0, stopped: 0, failed: 0, leading: false },
    events: [],
    // "close", not "exit": every line the process printed has been read by then.
    exited: new Promise((resolve) => child.on("close", (code) => resolve(code))),
  };
  readline.createInterface({ input: child.stdout! }).on("line", (line) => {
    try {
      const e = JSON.parse(line) as Record<string, unknown>;
      if (e.type === "progress") w.progress = e as never;
      else w.events.push(e);
    } catch {
      w.events.push({ type: "output", line });
    }
  });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => {
    stderr += c.toString();
    if (stderr.length > 4000) stderr = stderr.slice(-4000);
  });
  child.on("exit", (code, signal) => {
    if (code !== 0 && signal !== "SIGKILL") w.events.push({ type: "crash", code, stderr });
  });
  return w;
}
