import "server-only";
import { recordingFiles } from "@/lib/db/schema/callbacks";
import type { Database } from "@/lib/db/types";
import type { RecordFileCallback } from "@/lib/tencent-live/callback-types";

/** Unix seconds plus Tencent's optional microseconds, as a Date. */
function instant(seconds: number, usec?: number): Date {
  return new Date(seconds * 1000 + Math.floor((usec ?? 0) / 1000));
}

/**
 * Keeps the files `event_type` 100 callbacks report, in one statement. A file is kept once (its file_id is
 * unique), so two callbacks for the same file, e.g. a re-sent one with a new body, do not list it twice.
 */
export async function keepRecordingFiles(
  db: Database,
  files: { eventId: number; body: RecordFileCallback }[],
): Promise<void> {
  if (files.length === 0) return;
  await db
    .insert(recordingFiles)
    .values(
      files.map(({ eventId, body }) => ({
        domainName: body.app,
        appName: body.appname,
        streamName: body.stream_id,
        // Empty for a recording started by a template rule or a legacy task (Tencent: "RecordTask only").
        taskId: body.task_id ? body.task_id : null,
        fileId: body.file_id,
        fileFormat: body.file_format.toUpperCase(),
        startTime: instant(body.start_time, body.start_time_usec),
        endTime: instant(body.end_time, body.end_time_usec),
        durationSeconds: Math.round(body.duration),
        fileSize: Math.round(body.file_size),
        videoUrl: body.video_url,
        eventId,
      })),
    )
    .onConflictDoNothing({ target: recordingFiles.fileId });
}
