import { spawn } from "node:child_process";
import { componentLogger } from "@/lib/observability/logger";

/** `release` resolves once the lock is really gone, so a close followed by an open in one process never races. */
export type OsFileLock = { release: () => Promise<void> };

/** flock(1) exits with this when another open file already holds the lock (`-E`, so it is not confused with its own errors). */
const HELD_ELSEWHERE_EXIT = 75;

/**
 * Holds an exclusive flock(2) on `file` for as long as this process lives. Node has no flock of its own, so
 * util-linux's flock(1) takes it and keeps it while its shell waits on a pipe from us. The kernel ties the lock
 * to the open file, not to a pid, so a process in another pid namespace (another container on the same host
 * and volume) is refused too. When this process dies — even by kill -9 — the kernel closes our end of the
 * pipe, the shell reads end-of-file and exits, and the lock goes with it: nothing stale is ever left behind.
 *
 * Without flock(1) (macOS, a minimal image) it warns once and returns a no-op lock; the caller's pid file
 * still guards processes in the same pid namespace.
 */
export function holdOsFileLock(file: string): Promise<OsFileLock | "held-elsewhere"> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      "flock",
      ["--exclusive", "--nonblock", "-E", String(HELD_ELSEWHERE_EXIT), file, "-c", "echo locked; read line"],
      {
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    let settled = false;
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on("data", (chunk: Buffer) => {
      if (settled || !chunk.toString().includes("locked")) return;
      settled = true;
      // The helper must not keep the event loop alive: it lives exactly as long as we do, not longer.
      child.unref();
      for (const stream of [child.stdin, child.stdout, child.stderr])
        (stream as unknown as { unref?: () => void }).unref?.();
      let released = false;
      const exited = new Promise<void>((done) =>
        child.once("exit", () => {
          if (!released)
            componentLogger("db").warn(
              `RecDesk: the helper holding the lock on ${file} exited; the lock is no longer held.`,
            );
          done();
        }),
      );
      resolve({
        release() {
          if (!released) {
            released = true;
            // Unref'd above; waiting for its exit must keep this process alive, or a start-up that fails
            // right after taking the lock would end silently (exit 0) before reporting why.
            child.ref();
            child.stdin.end();
            child.kill();
          }
          return exited;
        },
      });
    });
    child.once("error", (err: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      if (err.code !== "ENOENT") return reject(err);
      componentLogger("db").warn(
        `RecDesk: flock(1) from util-linux is not installed, so ${file} is guarded by a pid file only (same pid namespace).`,
      );
      resolve({ release: async () => {} });
    });
    child.once("exit", (code) => {
      if (settled) return;
      settled = true;
      if (code === HELD_ELSEWHERE_EXIT) return resolve("held-elsewhere");
      reject(new Error(`Could not lock ${file} with flock(1) (exit ${code}): ${stderr.trim() || "no message"}`));
    });
  });
}
