import { stringify } from "csv-stringify/sync";
import type { Database } from "@/lib/db/types";
import type { Actor, RequestOrigin } from "@/lib/auth/actor";
import type { AuditRecord } from "@/lib/db/schema/audit";
import type { AuditFilterValues, AuditFilters } from "./filters";
import { iterateAuditRecords } from "./queries";
import { auditWho } from "./refusal";
import { beginAudit } from "./write";
import { finishAudit } from "./finish";

export const CSV_COLUMNS = [
  "id",
  "at",
  "finished_at",
  "actor_email",
  "actor_role",
  "actor_user_id",
  "action",
  "domain_name",
  "app_name",
  "stream_name",
  "task_id",
  "job_id",
  "reason",
  "outcome",
  "request_id",
  "error_code",
  "error_message",
  "latency_ms",
  "client_ip",
  "user_agent",
  "details",
  "outcome_details",
  "prev_hash",
  "hash",
  "outcome_hash",
] as const;

/**
 * A spreadsheet treats a cell starting with = + - @ (or a tab / carriage return that hides one) as a formula:
 * a reason typed as `=HYPERLINK(...)` would run on the manager's machine. Such cells get a leading
 * apostrophe (OWASP "CSV injection"); csv-stringify does the quoting and escaping.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function cells(r: AuditRecord): string[] {
  const raw: (string | number | null)[] = [
    r.id,
    r.at.toISOString(),
    r.finishedAt?.toISOString() ?? null,
    r.actorEmail,
    r.actorRole,
    r.actorUserId,
    r.action,
    r.domainName,
    r.appName,
    r.streamName,
    r.taskId,
    r.jobId,
    r.reason,
    r.outcome,
    r.requestId,
    r.errorCode,
    r.errorMessage,
    r.latencyMs,
    r.clientIp,
    r.userAgent,
    r.details === null ? null : JSON.stringify(r.details),
    r.outcomeDetails === null ? null : JSON.stringify(r.outcomeDetails),
    r.prevHash,
    r.hash,
    r.outcomeHash,
  ];
  return raw.map((v) => (v === null ? "" : neutraliseCell(String(v))));
}

/** CSV text for some records; the header only when asked (the first chunk of a stream). */
export function auditRecordsToCsv(rows: AuditRecord[], header: boolean): string {
  return stringify(rows.map(cells), { header, columns: [...CSV_COLUMNS] });
}

/**
 * The current filter as a CSV stream, newest first: one keyset batch per pull, so memory stays flat however
 * many records match and a slow client slows the reads down. The export is audited (`audit.export`): the
 * intent before the first byte, the outcome (rows sent, or the abort/error) when the stream ends.
 */
export async function exportAuditCsv(
  db: Database,
  filters: AuditFilters,
  filterValues: AuditFilterValues,
  who: { actor: Actor; origin: RequestOrigin },
  opts: { batchSize?: number } = {},
): Promise<{ stream: ReadableStream<Uint8Array>; auditId: number }> {
  const auditId = await beginAudit(db, {
    ...auditWho(who.actor, who.origin),
    action: "audit.export",
    details: { filters: filterValues, format: "csv" },
  });
  const batches = iterateAuditRecords(db, filters, opts.batchSize ?? 1_000);
  const encoder = new TextEncoder();
  let rows = 0;
  let headerSent = false;
  let finished = false;
  const finish = async (result: Parameters<typeof finishAudit>[2]) => {
    if (finished) return;
    finished = true;
    await finishAudit(db, auditId, result);
  };
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await batches.next();
        if (next.done) {
          // An empty result still gets its header, so the file opens with the right columns.
          if (!headerSent) controller.enqueue(encoder.encode(`\uFEFF${auditRecordsToCsv([], true)}`));
          await finish({ outcome: "ok", details: { rows } });
          controller.close();
          return;
        }
        const text = auditRecordsToCsv(next.value, !headerSent);
        controller.enqueue(encoder.encode(headerSent ? text : `\uFEFF${text}`));
        headerSent = true;
        rows += next.value.length;
      } catch (err) {
        await finish({
          outcome: "error",
          errorCode: "RecDesk.ExportFailed",
          errorMessage: (err as Error).message,
          details: { rows },
        }).catch(() => {});
        controller.error(err);
      }
    },
    async cancel() {
      await batches.return(undefined);
      await finish({
        outcome: "error",
        errorCode: "RecDesk.ExportAborted",
        errorMessage: "The download was cancelled before it completed",
        details: { rows },
      });
    },
  });
  return { stream, auditId };
}
