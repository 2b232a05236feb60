import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { lockDataDir } from "./data-dir-lock";

/**
 * A consistent copy of the embedded database: the data directory is locked first (the same lock a server
 * takes, so a running server makes this refuse with DataDirLockedError rather than copy files being written),
 * then PGlite dumps it as one gzipped tar (dumpDataDir). Nothing is migrated or written. Restore: extract the
 * file into `<RECDESK_DATA_DIR>/pglite` (README, Deploy), or open it with PGlite's `loadDataDir`.
 */
export async function backupPglite(dataDir: string, outFile: string): Promise<{ bytes: number; source: string }> {
  const source = path.join(dataDir, "pglite");
  if (!fs.existsSync(path.join(source, "PG_VERSION")))
    throw new Error(`There is no embedded database in ${source} (check RECDESK_DATA_DIR); nothing was written.`);
  const release = await lockDataDir(dataDir);
  try {
    const pg = await PGlite.create(source, { extensions: { pg_trgm } });
    try {
      const dump = await pg.dumpDataDir("gzip");
      const bytes = Buffer.from(await dump.arrayBuffer());
      // Written next to the target and renamed: a failed backup never leaves a truncated file under its name.
      const partial = `${outFile}.partial`;
      fs.mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true });
      fs.writeFileSync(partial, bytes, { mode: 0o600 });
      fs.renameSync(partial, outFile);
      return { bytes: bytes.length, source };
    } finally {
      await pg.close();
    }
  } finally {
    await release();
  }
}
