// npm run db:backup -- --out FILE
// A consistent backup of the embedded (PGlite) database under RECDESK_DATA_DIR, as one .tar.gz. It refuses while a
// server (or another tool) has the directory open: stop the server first. With DATABASE_URL set, use pg_dump
// (README, Deploy) — this tool only handles the embedded database.
import { parseArgs } from "node:util";
import { parseDatabaseConfig } from "@/lib/config-schema";
import { backupPglite } from "@/lib/db/backup";

const USAGE = "Usage: npm run db:backup -- --out <file.tar.gz>";

function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function main() {
  const { values } = (() => {
    try {
      return parseArgs({ options: { out: { type: "string" }, help: { type: "boolean" } } });
    } catch (err) {
      return fail(`${(err as Error).message}\n${USAGE}`, 2);
    }
  })();
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  if (!values.out) fail(`--out is required.\n${USAGE}`, 2);
  const config = parseDatabaseConfig(process.env);
  if (config.databaseUrl)
    fail(
      "DATABASE_URL is set: RecDesk's data is in Postgres, so back it up with pg_dump, e.g. " +
        '`pg_dump --format=custom --file=recdesk.dump "$DATABASE_URL"` (README, Deploy). Nothing was written.',
    );
  const { bytes, source } = await backupPglite(config.dataDir, values.out);
  process.stdout.write(`Backed up ${source} to ${values.out} (${bytes} bytes).\n`);
}

main().catch((err: unknown) => fail(`db:backup failed: ${(err as Error).message}`));
