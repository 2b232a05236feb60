import fs from "node:fs";
import path from "node:path";
import { holdOsFileLock } from "./os-file-lock";

/**
 * PGlite is a single-process database: two servers writing one directory corrupt it. Two locks guard it:
 *
 * - an OS file lock (flock) on `recdesk.flock`, held by a helper process for exactly this process's lifetime
 *   (os-file-lock.ts). The kernel keeps it per open file, not per pid, so it also refuses a server in another
 *   container (another pid namespace) sharing the volume, and it is released however the holder dies;
 * - a pid file, `recdesk.lock`, for systems without flock(1) and for an older RecDesk (pid file only) still
 *   running on the directory. A pid file left by a killed process (its pid is gone) is taken over at once,
 *   so a crash never needs a manual clean-up.
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  fs.mkdirSync(dir, { recursive: true });
  const osLock = await holdOsFileLock(path.join(dir, "recdesk.flock"));
  if (osLock === "held-elsewhere") throw new DataDirLockedError(dir, undefined);
  try {
    const releasePidFile = takePidFile(dir);
    return () => {
      releasePidFile();
      return osLock.release();
    };
  } catch (err) {
    await osLock.release();
    throw err;
  }
}

function takePidFile(dir: string): () => void {
  const lockPath = path.join(dir, "recdesk.lock");
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      return () => {
        try {
          if (fs.readFileSync(lockPath, "utf8") === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // already gone: nothing to release
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = Number.parseInt(fs.readFileSync(lockPath, "utf8"), 10);
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new DataDirLockedError(dir, holder);
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirLockedError(dir, undefined);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number | undefined,
  ) {
    super(
      `The embedded database in ${dir} is in use by another RecDesk process${pid ? ` (pid ${pid})` : " (possibly in another container)"}. ` +
        `Stop that process, or give this one its own RECDESK_DATA_DIR; to share data between servers, set DATABASE_URL to a Postgres server.`,
    );
    this.name = "DataDirLockedError";
  }
}
