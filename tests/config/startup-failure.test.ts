import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The real start-up entry point in a child process, as `next start` runs it: one line, exit 1.
function startWith(env: Record<string, string>) {
  const result = spawnSync(
    process.execPath,
    [
      "--conditions=react-server",
      "--import",
      "tsx",
      "-e",
      "import('./lib/startup/index.ts').then((m) => m.startOrExit())",
    ],
    // Cast: Next's types make NODE_ENV required on ProcessEnv, and this child must start without one.
    {
      env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? "/tmp", ...env } as unknown as NodeJS.ProcessEnv,
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  return { code: result.status, stderr: result.stderr.trim() };
}

describe("start-up refuses bad settings with one clear line", () => {
  it("names a malformed variable", () => {
    const r = startWith({ TENCENTCLOUD_LIVE_ENDPOINT: "not a url" });
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n").filter((l) => !l.startsWith("npm warn"))).toEqual([
      expect.stringMatching(/^RecDesk configuration error: TENCENTCLOUD_LIVE_ENDPOINT /),
    ]);
  });

  it("refuses the demo on a real database unless RECDESK_DEMO=1 asks for it", () => {
    const r = startWith({ DATABASE_URL: "postgres://recdesk@127.0.0.1:1/recdesk" });
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n").filter((l) => !l.startsWith("npm warn"))).toEqual([
      expect.stringMatching(/^RecDesk configuration error: TENCENTCLOUD_SECRET_ID .*RECDESK_DEMO=1/),
    ]);
  });

  it("outside demo mode, names a missing RECDESK_AUDIT_KEY", () => {
    const r = startWith({
      TENCENTCLOUD_SECRET_ID: "AKIDexample",
      TENCENTCLOUD_SECRET_KEY: "example-key",
      AUTH_SECRET: "s".repeat(40),
    });
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n").filter((l) => !l.startsWith("npm warn"))).toEqual([
      expect.stringMatching(/^RecDesk configuration error: RECDESK_AUDIT_KEY is missing/),
    ]);
  });

  it("says which data directory is in use and what to do", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recdesk-locked-"));
    fs.writeFileSync(path.join(dir, "recdesk.lock"), String(process.pid));
    const r = startWith({ RECDESK_DATA_DIR: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `The embedded database in ${dir} is in use by another RecDesk process (pid ${process.pid})`,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
