import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openPglite } from "@/lib/db/pglite";
import { holdOsFileLock } from "@/lib/db/os-file-lock";

const ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

// `unshare --pid` needs root (CI runs as root); elsewhere the cross-namespace case cannot be set up.
const canUnshare =
  process.platform === "linux" && spawnSync("unshare", ["--pid", "--fork", "--mount-proc", "true"]).status === 0;

function run(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

function serverEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    RECDESK_DATA_DIR: dataDir,
  };
  return env; // no DATABASE_URL, no Tencent credentials: demo mode on PGlite, as a second container would start
}

describe("embedded database lock across containers", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recdesk-lock-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.runIf(canUnshare)("refuses a second server started in another pid namespace with one line", async () => {
    const first = await openPglite(dir);
    try {
      // The second server runs the real start-up path in its own pid namespace, where the first one's pid
      // does not exist: the pid file alone would have let it take the directory over.
      const startup = `import("${path.join(ROOT, "lib/startup/index.ts")}").then((m) => m.startOrExit())`;
      const second = await run(
        "unshare",
        ["--pid", "--fork", "--mount-proc", TSX, "--conditions=react-server", "-e", startup],
        serverEnv(dir),
      );
      expect(second.code).toBe(1);
      const lines = second.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^The embedded database in .* is in use by another RecDesk process .*DATABASE_URL/);
      // The first server's lock is untouched: its pid file still names it.
      expect(fs.readFileSync(path.join(dir, "recdesk.lock"), "utf8")).toBe(String(process.pid));
    } finally {
      await first.close();
    }
  });

  it("is released when its holder is killed with SIGKILL, and held while it lives", async () => {
    const file = path.join(dir, "kill9.flock");
    const holderScript = `import("${path.join(ROOT, "lib/db/os-file-lock.ts")}").then(async (m) => { await m.holdOsFileLock(${JSON.stringify(file)}); console.log("held"); setInterval(() => {}, 1000); })`;
    // node itself with tsx's loader (not the tsx wrapper, which would run the holder as a grandchild we cannot kill).
    const holder = spawn(process.execPath, ["--import", "tsx", "-e", holderScript], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve) =>
      holder.stdout.on("data", (c: Buffer) => c.toString().includes("held") && resolve()),
    );

    expect(await holdOsFileLock(file)).toBe("held-elsewhere");

    const exited = new Promise((resolve) => holder.on("exit", resolve));
    holder.kill("SIGKILL");
    await exited;
    // The helper notices end-of-file on its pipe and exits; give it a moment.
    let lock = await holdOsFileLock(file);
    for (let i = 0; lock === "held-elsewhere" && i < 50; i++) {
      await new Promise((r) => setTimeout(r, 100));
      lock = await holdOsFileLock(file);
    }
    expect(lock).not.toBe("held-elsewhere");
    if (lock !== "held-elsewhere") await lock.release();
  });

  it("can be taken again at once after a release in the same process (a close then an open never races)", async () => {
    for (let i = 0; i < 3; i++) {
      const db = await openPglite(dir);
      await db.close();
    }
    const file = path.join(dir, "again.flock");
    const first = await holdOsFileLock(file);
    expect(first).not.toBe("held-elsewhere");
    if (first !== "held-elsewhere") await first.release();
    const second = await holdOsFileLock(file);
    expect(second).not.toBe("held-elsewhere");
    if (second !== "held-elsewhere") await second.release();
  });
});
