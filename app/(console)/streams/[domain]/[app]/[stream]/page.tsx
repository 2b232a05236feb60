import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { localizeMessage } from "@/lib/validation/messages";
import { PublishTimes } from "@/components/streams/publish-times";
import { StreamStatePanel } from "@/components/streams/stream-state-panel";
import { TaskTable } from "@/components/tasks/task-table";
import { formatUtcFor } from "@/components/streams/time-format";
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
  const t = await getTranslations("streams");
  return { title: check.ok ? t("detailTitle", { stream: check.key.streamName }) : t("detail.invalidTitle") };
}

const SECTION = "rounded-md border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";

export default async function StreamDetailPage({ params }: { params: Promise<Params> }) {
  const auth = await pageAccess("streams:view");
  const [t, streams, time, root] = await Promise.all([
    getTranslations("streams.detail"),
    getTranslations("streams"),
    getTranslations("streams.time"),
    getTranslations(),
  ]);
  if (!auth.ok) return <AccessDenied title={streams("streamTitle")} {...auth.denied} />;
  const check = parseStreamSegments(await params);
  if (!check.ok) {
    return (
      <div className="space-y-3" data-testid="invalid-stream-link">
        <h1 className="text-2xl font-semibold">{t("invalidHeading")}</h1>
        <p>{t("invalidBody")}</p>
        <ul role="alert" className="list-disc space-y-1 pl-6 text-sm">
          {check.errors.map((e) => (
            <li key={e.segment}>
              <span className="font-medium">{t(`segment.${e.segment}`)}</span>{" "}
              <code className="break-all font-mono">{JSON.stringify(e.value)}</code>: {localizeMessage(e.message, root)}
            </li>
          ))}
        </ul>
        <Link href="/streams" className="underline">
          {t("backToStreams")}
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
      <nav aria-label={t("breadcrumb")} className="text-sm">
        <Link href="/streams" className="underline">
          {streams("title")}
        </Link>{" "}
        / <span className="break-all">{key.domainName}</span> / {key.appName}
      </nav>
      <div>
        <h1 className="break-all text-2xl font-semibold" data-testid="stream-title">
          {key.streamName}
        </h1>
        <p className="break-all text-sm text-slate-600 dark:text-slate-400">
          {t.rich("keyLine", {
            domain: key.domainName,
            app: key.appName,
            code: (chunks) => <code className="font-mono">{chunks}</code>,
          })}
        </p>
      </div>

      <section aria-labelledby="state-heading" className={SECTION}>
        <h2 id="state-heading" className="mb-2 text-lg font-semibold">
          {t("stateHeading")}
        </h2>
        <StreamStatePanel state={detail.state} />
      </section>

      {failure ? <RecordingFailureNotice failure={failure} /> : null}

      <section aria-labelledby="publish-heading" className={SECTION}>
        <h2 id="publish-heading" className="mb-2 text-lg font-semibold">
          {t("publishHeading")}
        </h2>
        {detail.online ? (
          <PublishTimes times={detail.online.publishTimes} now={now} />
        ) : (
          <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="not-in-online-list">
            {detail.listFetchedAt ? t("notInList", { time: formatUtcFor(detail.listFetchedAt, time) }) : t("noListYet")}
          </p>
        )}
        {detail.listFetchedAt ? (
          <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
            {t("fromList", { time: formatUtcFor(detail.listFetchedAt, time) })}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="tasks-heading" className={SECTION}>
        <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="tasks-heading" className="text-lg font-semibold">
            {t("tasksHeading")}{" "}
            <span className="text-sm font-normal text-slate-600 dark:text-slate-400">
              {t("tasksCounts", { known: detail.tasks.length, running })}
            </span>
          </h2>
          <Link href={tasksHref} className="text-sm underline" data-testid="tasks-link">
            {t("openInTasks")}
          </Link>
        </div>
        {detail.tasksError ? (
          <p role="alert" className="text-sm text-danger-700 dark:text-danger-300">
            {t("tasksError", { error: detail.tasksError })}
          </p>
        ) : (
          <TaskTable
            rows={detail.tasks}
            now={detail.checkedAt}
            hideStream
            caption={t("tasksCaption", { stream: key.streamName })}
            stopAction={can(auth.actor.role, "task:stop") ? stopTaskAction : undefined}
            auditLinks={can(auth.actor.role, "audit:view")}
            recordings={taskRecordings}
            empty={t.rich("tasksEmpty", {
              link: (chunks) => (
                <Link href={tasksHref} className="underline">
                  {chunks}
                </Link>
              ),
            })}
          />
        )}
      </section>

      <section aria-labelledby="recordings-heading" className={SECTION}>
        <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="recordings-heading" className="text-lg font-semibold">
            {t("recordingsHeading")}{" "}
            <span className="text-sm font-normal text-slate-600 dark:text-slate-400">
              {t("recordingsLatest", { count: recordings.length })}
            </span>
          </h2>
          <Link href={recordingsHref} className="text-sm underline" data-testid="recordings-link">
            {t("allRecordings")}
          </Link>
        </div>
        {recordings.length === 0 ? (
          <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="stream-recordings-empty">
            {t("recordingsEmpty")}
          </p>
        ) : (
          <RecordingTable rows={recordings} caption={t("recordingsCaption", { stream: key.streamName })} />
        )}
      </section>
    </div>
  );
}
