import "server-only";
import { applyRecordStatuses } from "@/lib/recordings/apply-status";
import { keepRecordingFiles } from "@/lib/recordings/keep-file";
import type { Database } from "@/lib/db/types";
import {
  parseLiveCallback,
  type RecordFileCallback,
  type RecordStatusCallback,
} from "@/lib/tencent-live/callback-types";

export interface ProcessDeps {
  /** A stream began or ended: the streams view must not wait for its next sweep. */
  streamsChanged: () => void;
}

/**
 * What a batch of stored callbacks changes, a few statements for the whole batch. Answers, per event id, null
 * (done) or why it cannot be processed (not retried). Throws only when the database fails: then the rows stay
 * unprocessed and are tried again.
 */
export async function processCallbackBatch(
  db: Database,
  events: { id: number; rawBody: string }[],
  deps: ProcessDeps,
): Promise<Map<number, string | null>> {
  const outcome = new Map<number, string | null>();
  const files: { eventId: number; body: RecordFileCallback }[] = [];
  const statuses: { eventId: number; body: RecordStatusCallback }[] = [];
  let streamsChanged = false;
  for (const event of events) {
    let json: unknown;
    try {
      json = JSON.parse(event.rawBody);
    } catch {
      outcome.set(event.id, "the stored body is not JSON");
      continue;
    }
    const parsed = parseLiveCallback(json);
    if (!parsed.ok) {
      outcome.set(event.id, parsed.message);
      continue;
    }
    outcome.set(event.id, null);
    const { event: callback } = parsed;
    if (callback.kind === "stream") streamsChanged = true;
    else if (callback.kind === "recordFile") files.push({ eventId: event.id, body: callback.body });
    else if (callback.kind === "recordStatus") statuses.push({ eventId: event.id, body: callback.body });
    // Unknown event types are stored for the record; nothing in RecDesk depends on them.
  }
  await keepRecordingFiles(db, files);
  await applyRecordStatuses(db, statuses);
  if (streamsChanged) deps.streamsChanged();
  return outcome;
}
