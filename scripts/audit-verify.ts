// npm run audit:verify
// Verifies the audit chain from the command line (cron): prints the head hash and exits 0 when every record
// verifies; prints what is broken and exits 1 otherwise (or when the check cannot run). Read-only: unlike the
// Audit page's Verify, it writes no audit.verify record. Same database as the server: DATABASE_URL, else the
// embedded one under RECDESK_DATA_DIR, which only one process may open (stop the server, or run it on Postgres).
import { verifyAuditChain } from "@/lib/audit/verify";
import { loadAuditKey, resolveAuditKey } from "@/lib/audit/key";
import { describeBroken } from "@/lib/audit/integrity";
import { parseDatabaseConfig } from "@/lib/config-schema";
import { openPglite } from "@/lib/db/pglite";
import { openPostgres } from "@/lib/db/postgres";

async function main(): Promise<number> {
  const config = parseDatabaseConfig(process.env);
  // The server's key, or the demo key kept in the data directory.
  loadAuditKey(resolveAuditKey({ ...config, demoMode: true }, { create: false }));
  const open = config.databaseUrl
    ? await openPostgres(config.databaseUrl, { max: 1, migrationUrl: config.databaseMigrationUrl })
    : await openPglite(config.dataDir);
  try {
    const r = await verifyAuditChain(open.db);
    if (r.intact) {
      process.stdout.write(
        `RecDesk audit chain intact: ${r.checked} records in ${r.durationMs} ms (${open.location}).\n` +
          `head #${r.headId ?? "-"} ${r.headHash ?? "(empty chain)"}\n`,
      );
      return 0;
    }
    process.stdout.write(
      `RecDesk audit chain BROKEN: ${describeBroken(r)}\nchecked ${r.checked} records; head #${r.headId ?? "-"} ${r.headHash ?? ""}\n`,
    );
    return 1;
  } finally {
    await open.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`audit:verify could not run: ${(err as Error).message}\n`);
    process.exit(1);
  },
);
