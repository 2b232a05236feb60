import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// Real processes, a real on-disk PGlite: the writer dies by SIGKILL (no cleanup, no exit handler), and a
// fresh process runs the audit start-up step on the same directory.
describe("a server killed between intent and outcome", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recdesk-audit-crash-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  // Next's types make NODE_ENV required in ProcessEnv; the children must not inherit the runner's database.
  const env = {
    PATH: process.env.PATH!,
    HOME: process.env.HOME ?? "/tmp",
    RECDESK_DATA_DIR: dir,
  } as unknown as NodeJS.ProcessEnv;

  it("leaves a record that the restart marks unknown, keeping when it started", async () => {
    const writer = spawn(process.execPath, ["--import", "tsx", "tests/audit/fixtures/crash-writer.ts", dir], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    writer.stderr.on("data", (d) => (stderr += d));
    const { id } = await new Promise<{ id: number }>((resolve, reject) => {
      let out = "";
      writer.stdout.on("data", (d) => {
        out += d;
        if (out.includes("\n")) resolve(JSON.parse(out.split("\n")[0]!));
      });
      writer.on("exit", (code) => reject(new Error(`writer exited early (${code}): ${stderr}`)));
    });
    const exited = new Promise((resolve) => writer.on("exit", (_code, signal) => resolve(signal)));
    writer.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

    const restart = spawnSync(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "tests/audit/fixtures/restart.ts", String(id)],
      {
        env,
        encoding: "utf8",
        timeout: 110_000,
      },
    );
    expect(restart.status, restart.stderr).toBe(0);
    const { row, intact } = JSON.parse(restart.stdout.trim().split("\n").pop()!);
    expect(row).toMatchObject({
      id,
      action: "task.stop",
      taskId: "9007199254740993",
      reason: "killed mid-call",
      outcome: "unknown",
      errorCode: "RecDesk.AuditInterrupted",
      outcomeDetails: { startedAt: row.at },
    });
    expect(new Date(row.finishedAt).getTime()).toBeGreaterThan(new Date(row.at).getTime());
    expect(intact).toBe(true);
    // Two fresh processes each open and migrate an on-disk PGlite: a minute is not enough on a loaded 2-core machine.
  }, 120_000);
});
