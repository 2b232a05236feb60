// A RecDesk instance reduced to what shutdown touches: the database, the bulk worker, and the same SIGTERM
// sequence the server runs (lib/observability/shutdown-sequence.ts). Prints the worker's events and progress as
// JSON lines (each stamped with `at`, ms since the epoch), and the logger's lines (shutdown.start, shutdown.done).
import { createBulkWorker } from "@/lib/bulk/worker";
import { openPglite } from "@/lib/db/pglite";
import { openPostgres } from "@/lib/db/postgres";
import { waitForInFlight } from "@/lib/observability/in-flight";
import { componentLogger } from "@/lib/observability/logger";
import { runShutdown } from "@/lib/observability/shutdown-sequence";
import { createLiveClient } from "@/lib/tencent-live/client";

const env = process.env;
const open = env.BULK_DB_URL ? await openPostgres(env.BULK_DB_URL, { max: 8 }) : await openPglite(env.BULK_DATA_DIR!);
const client = createLiveClient({
  endpoint: env.BULK_SIM_URL!,
  secretId: env.BULK_SECRET_ID!,
  secretKey: env.BULK_SECRET_KEY!,
  rateLimits: { StopLiveRecord: 200 },
  timeoutMs: 10_000,
});
const say = (o: object) => process.stdout.write(`${JSON.stringify({ ...o, at: Date.now() })}\n`);
// The server's defaults: a 15 s lease, a 1 s idle poll (so a takeover is the lease release, not its expiry).
const worker = createBulkWorker({ db: open.db, client, workerId: env.BULK_WORKER_ID, onEvent: (e) => say(e) });
worker.start();
say({ type: "started", pid: process.pid, id: worker.id });
const progress = setInterval(() => say({ type: "progress", ...worker.stats() }), 50);

process.once("SIGTERM", () => {
  void runShutdown("SIGTERM", {
    stopBulkWorker: (graceMs) => worker.stop({ graceMs }),
    waitForInFlight,
    closeDatabase: () => open.close(),
    graceMs: Number(env.RECDESK_SHUTDOWN_GRACE_MS ?? 10_000),
    log: componentLogger("shutdown"),
  }).then((code) => {
    clearInterval(progress);
    say({ type: "exit", ...worker.stats() });
    process.exit(code);
  });
});
