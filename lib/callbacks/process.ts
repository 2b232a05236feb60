import "server-only";
import { applyRecordStatus } from "@/lib/recordings/apply-status";
import { keepRecordingFile } from "@/lib/recordings/keep-file";
import type { Database } from "@/lib/db/types";
import { parseLiveCallback } from "@/lib/tencent-live/callback-types";

export interface ProcessDeps {
  /** A stream began or ended: the streams view must not wait for its next sweep. */
  streamsChanged: () => void;
}

/**
 * What one stored callback changes. Throws only when the database fails (the row stays unprocessed and is
 * tried again); a body that cannot be processed is reported as an error string and not retried.
 */
export async function processCallbackEvent(
  db: Database,
  event: { id: number; rawBody: string },
  deps: ProcessDeps,
): Promise<string | null> {
  let json: unknown;
  try {
    json = JSON.parse(event.rawBody);
  } catch {
    return "the stored body is not JSON";
  }
  const parsed = parseLiveCallback(json);
  if (!parsed.ok) return parsed.message;
  const { event: callback } = parsed;
  switch (callback.kind) {
    case "stream":
      deps.streamsChanged();
      return null;
    case "recordFile":
      await keepRecordingFile(db, event.id, callback.body);
      return null;
    case "recordStatus":
      await applyRecordStatus(db, event.id, callback.body);
      return null;
    case "unknown":
      // Stored for the record; nothing in RecDesk depends on it.
      return null;
  }
}
