import type { Metadata } from "next";
import Link from "next/link";
import { PublishTimes } from "@/components/streams/publish-times";
import { StreamStatePanel } from "@/components/streams/stream-state-panel";
import { TaskTable } from "@/components/tasks/task-table";
import { formatUtc } from "@/components/streams/time-format";
import { pageAccess } from "@/lib/auth/page-access";
import { can } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { getOnlineStreamCache } from "@/lib/streams/online-cache";
import { parseStreamSegments } from "@/lib/streams/segments";
import { loadStreamDetail } from "@/lib/streams/stream-detail";
import { getLiveClient } from "@/lib/tencent-live";
import { takeUserQuota } from "@/lib/tencent-live/user-quota";
import { stopTaskAction } from "@/app/(console)/tasks/actions";
import { AccessDenied } from "@/components/ui/access-denied";
import { RecordingFailureNotice } from "@/components/recordings/recording-failure";
import { RecordingTable } from "@/components/recordings/recording-table";
import { latestRecordingFailure, recordingsOfStream, recordingsOfTasks } from "@/lib/recordings/queries";

export const dynamic = "force-dynamic";

type Params = { domain: string; app: string; stream: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const p = await params;
  const check = parseStreamSegments(p);
  return { title: check.ok ? `${check.key.streamName} · Streams` : "Invalid stream link" };
}

const SECTION = "rounded-md border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";

export default async function StreamDetailPage({ params }: { params: Promise<Params> }) {
  const auth = await pageAccess("streams:view");
  if (!auth.ok) return <AccessDenied title="Stream" {...auth.denied} />;
  const check = parseStreamSegments(await params);
  if (!check.ok) {
    return (
      <div className="space-y-3" data-testid="invalid-stream-link">
        <h1 className="text-2xl font-semibold">Invalid stream link (400)</h1>
        <p>This address does not name a stream RecDesk could look up. Nothing was sent to Tencent Cloud.</p>
        <ul role="alert" className="list-disc space-y-1 pl-6 text-sm">
          {check.errors.map((e) => (
            <li key={e.segment}>
              <span className="font-medium">{e.segment}</span>{" "}
              <code className="break-all font-mono">{JSON.stringify(e.value)}</code>: {e.message}
            </li>
          ))}
        </ul>
        <Link href="/streams" className="underline">
          Back to Streams
        </Link>
      </div>
    );
  }
  const { key } = check;
  const detail = await loadStreamDetail(
    {
      db: getDb,
      client: getLiveClient,
      cache: getOnlineStreamCache(),
      spendStateLookup: () => takeUserQuota("stream-state", auth.actor.userId),
    },
    key,
  );
  const tasksHref = `/tasks?${new URLSearchParams({ stream: key.streamName })}`;
  const recordingsHref = `/recordings?${new URLSearchParams({ stream: key.streamName, domain: key.domainName })}`;
  const db = await getDb();
  const [recordings, failure, taskRecordings] = await Promise.all([
    recordingsOfStream(db, key),
    latestRecordingFailure(db, key),
    recordingsOfTasks(
      db,
      detail.tasks.map((t) => t.taskId),
    ),
  ]);
  // Rendered once on the server: the ages below are as of this request.
  const now = Date.parse(detail.checkedAt);
  const running = detail.tasks.filter((t) => t.state === "recording" || t.state === "stopping").length;

  return (
    <div className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/streams" className="underline">
          Streams
        </Link>{" "}
        / <span className="break-all">{key.domainName}</span> / {key.appName}
      </nav>
      <div>
        <h1 className="break-all text-2xl font-semibold" data-testid="stream-title">
          {key.streamName}
        </h1>
        <p className="break-all text-sm text-slate-600 dark:text-slate-400">
          Domain <code className="font-mono">{key.domainName}</code> · App{" "}
          <code className="font-mono">{key.appName}</code>
        </p>
      </div>

      <section aria-labelledby="state-heading" className={SECTION}>
        <h2 id="state-heading" className="mb-2 text-lg font-semibold">
          Stream state
        </h2>
        <StreamStatePanel state={detail.state} />
      </section>

      {failure ? <RecordingFailureNotice failure={failure} /> : null}

      <section aria-labelledby="publish-heading" className={SECTION}>
        <h2 id="publish-heading" className="mb-2 text-lg font-semibold">
          Publish times
        </h2>
        {detail.online ? (
          <PublishTimes times={detail.online.publishTimes} now={now} />
        ) : (
          <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="not-in-online-list">
            {detail.listFetchedAt ? "Not in the online stream list" : "No online stream list could be fetched yet"}
            {detail.listFetchedAt ? ` fetched at ${formatUtc(detail.listFetchedAt)}.` : "."}
          </p>
        )}
        {detail.listFetchedAt ? (
          <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
            From the online stream list fetched at {formatUtc(detail.listFetchedAt)}.
          </p>
        ) : null}
      </section>

      <section aria-labelledby="tasks-heading" className={SECTION}>
        <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="tasks-heading" className="text-lg font-semibold">
            Recording tasks{" "}
            <span className="text-sm font-normal text-slate-600 dark:text-slate-400">
              ({detail.tasks.length} known, {running} running)
            </span>
          </h2>
          <Link href={tasksHref} className="text-sm underline" data-testid="tasks-link">
            Open in Tasks
          </Link>
        </div>
        {detail.tasksError ? (
          <p role="alert" className="text-sm text-danger-700 dark:text-danger-300">
            Could not read the task registry: {detail.tasksError}
          </p>
        ) : (
          <TaskTable
            rows={detail.tasks}
            now={detail.checkedAt}
            hideStream
            caption={`Recording tasks of ${key.streamName}`}
            stopAction={can(auth.actor.role, "task:stop") ? stopTaskAction : undefined}
            auditLinks={can(auth.actor.role, "audit:view")}
            recordings={taskRecordings}
            empty={
              <>
                RecDesk knows no recording task for this stream. A task appears here when RecDesk starts it or someone
                registers it on the{" "}
                <Link href={tasksHref} className="underline">
                  Tasks page
                </Link>
                .
              </>
            }
          />
        )}
      </section>

      <section aria-labelledby="recordings-heading" className={SECTION}>
        <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="recordings-heading" className="text-lg font-semibold">
            Recordings{" "}
            <span className="text-sm font-normal text-slate-600 dark:text-slate-400">(latest {recordings.length})</span>
          </h2>
          <Link href={recordingsHref} className="text-sm underline" data-testid="recordings-link">
            All recordings of this stream
          </Link>
        </div>
        {recordings.length === 0 ? (
          <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="stream-recordings-empty">
            No recording file has been reported for this stream. Files appear when Tencent&apos;s record callbacks reach
            RecDesk, shortly after a recording ends.
          </p>
        ) : (
          <RecordingTable rows={recordings} caption={`Recording files of ${key.streamName}`} />
        )}
      </section>
    </div>
  );
}
