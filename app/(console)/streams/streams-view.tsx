"use client";

import { useTranslations } from "next-intl";
import { useDeferredValue, useEffect, useState } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { RefreshStatus } from "@/components/streams/refresh-status";
import { StreamsPager } from "@/components/streams/streams-pager";
import { StreamsTable } from "@/components/streams/streams-table";
import { StreamsToolbar } from "@/components/streams/streams-toolbar";
import { UpstreamErrorPanel } from "@/components/streams/upstream-error-panel";
import { Button, LiveErrorPanel } from "@/components/ui";
import type { StreamsQuery } from "@/lib/streams/query";
import { usePolledPage } from "./use-polled-page";
import { PAGE_SIZES, type StreamSort, type StreamsPage } from "@/lib/streams/types";

const REFRESH_SECONDS = 30;

/** A failed list request. RecDesk's own words for it are in the catalogs (`said`), a server's answer is kept as sent. */
class StreamsRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly said?: { key: "networkError" } | { key: "httpError"; status: number },
  ) {
    super(message);
  }
}

/** The query as it appears in the address bar, defaults left out so pasted links stay short. */
export function streamsSearchParams(q: StreamsQuery): URLSearchParams {
  const p = new URLSearchParams();
  if (q.q) p.set("q", q.q);
  if (q.domain) p.set("domain", q.domain);
  if (q.app) p.set("app", q.app);
  if (q.sort !== "age-desc") p.set("sort", q.sort);
  if (q.page !== 1) p.set("page", String(q.page));
  if (q.pageSize !== 50) p.set("pageSize", String(q.pageSize));
  return p;
}

async function fetchStreams(searchParams: string, signal: AbortSignal): Promise<StreamsPage> {
  let res: Response;
  try {
    res = await fetch(`/api/streams?${searchParams}`, { signal, cache: "no-store" });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new StreamsRequestError("RecDesk.NetworkError", "", { key: "networkError" });
  }
  const body = (await res.json().catch(() => null)) as (StreamsPage & { code?: string; message?: string }) | null;
  if (!res.ok || !body) {
    const message = body?.message ?? null;
    throw new StreamsRequestError(
      body?.code ?? `HTTP ${res.status}`,
      message ?? "",
      message === null ? { key: "httpError", status: res.status } : undefined,
    );
  }
  return body;
}

export function StreamsView({ initialQuery, initialData }: { initialQuery: StreamsQuery; initialData?: StreamsPage }) {
  const t = useTranslations("streams");
  const [query, setQuery] = useState<StreamsQuery>(initialQuery);
  const [search, setSearch] = useState(initialQuery.q ?? "");
  const [paused, setPaused] = useState(false);
  // False in the server HTML, true once React has hydrated: the bench's (and anyone's) "interactive" signal.
  const hydrated = useHydrated();

  // Typing refines the list at once, from page 1, with no debounce: the filter is a scan of the server's
  // in-memory index (lib/streams/query.ts), and the list follows the box through a deferred value, so the input
  // never waits for the table to re-render and a keystroke typed meanwhile supersedes the one before.
  const onSearchChange = (value: string) => {
    setSearch(value);
    setQuery((q) => ({ ...q, q: value.trim() || undefined, page: 1 }));
  };
  const listQuery = useDeferredValue(query);

  const listParams = streamsSearchParams(listQuery).toString();

  // Next's router picks up history.replaceState without a server round trip, so the link stays pasteable. The
  // address follows what was asked for, not the deferred list, so a reload right after a change keeps the change.
  const urlParams = streamsSearchParams(query).toString();
  useEffect(() => {
    const url = urlParams ? `?${urlParams}` : window.location.pathname;
    if (url !== (window.location.search || window.location.pathname)) window.history.replaceState(null, "", url);
  }, [urlParams]);

  const result = usePolledPage(listParams, fetchStreams, {
    intervalMs: REFRESH_SECONDS * 1000,
    paused,
    initial: initialData && { key: streamsSearchParams(initialQuery).toString(), data: initialData },
  });
  const data = result.data;
  const set = (patch: Partial<StreamsQuery>) => setQuery((q) => ({ ...q, page: 1, ...patch }));
  const filtered = Boolean(listQuery.q || listQuery.domain || listQuery.app);
  const failure = result.error instanceof StreamsRequestError ? result.error : null;

  return (
    <div className="space-y-4" data-hydrated={hydrated}>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("list.intro")}</p>
        </div>
        <RefreshStatus
          fetchedAt={data?.fetchedAt ?? null}
          paused={paused}
          onPausedChange={setPaused}
          intervalSeconds={REFRESH_SECONDS}
        />
      </div>

      {data?.lastError ? (
        <UpstreamErrorPanel error={data.lastError} hasData={data.fetchedAt !== null} fetchedAt={data.fetchedAt} />
      ) : null}
      {result.error ? (
        <LiveErrorPanel
          heading={t("list.requestFailed")}
          code={failure ? failure.code : "RecDesk.Error"}
          message={
            failure?.said?.key === "httpError"
              ? t("list.httpError", { status: failure.said.status })
              : failure?.said
                ? t("list.networkError")
                : result.error.message
          }
          testId="streams-request-error"
        >
          {data ? <p>{t("list.lastLoadedBelow")}</p> : null}
        </LiveErrorPanel>
      ) : null}
      {data?.taskCountsError ? (
        <p
          role="status"
          className="rounded-md bg-warn-50 p-2 text-sm text-warn-700 dark:bg-warn-700/30 dark:text-warn-300"
        >
          {t("list.taskCountsUnavailable", { error: data.taskCountsError })}
        </p>
      ) : null}

      <StreamsToolbar
        search={search}
        onSearchChange={onSearchChange}
        domain={query.domain ?? ""}
        app={query.app ?? ""}
        domains={data?.facets.domains ?? []}
        apps={data?.facets.apps ?? []}
        onDomainChange={(v) => set({ domain: v || undefined })}
        onAppChange={(v) => set({ app: v || undefined })}
      />

      <StreamsTable
        rows={data?.rows ?? []}
        sort={query.sort}
        onSortChange={(sort: StreamSort) => set({ sort })}
        loading={!data && result.isPending}
        updating={result.isPlaceholderData || listQuery !== query}
        empty={
          filtered ? (
            <>
              {t("list.noMatch")}{" "}
              <Button
                variant="ghost"
                size="sm"
                onClick={() => {
                  setSearch("");
                  set({ q: undefined, domain: undefined, app: undefined });
                }}
              >
                {t("list.clearFilters")}
              </Button>
            </>
          ) : data?.fetchedAt ? (
            t("list.noneOnline")
          ) : (
            t("list.noListYet")
          )
        }
      />

      {data ? (
        <StreamsPager
          page={data.page}
          pageCount={data.pageCount}
          pageSize={query.pageSize}
          pageSizes={PAGE_SIZES}
          matched={data.matched}
          total={data.total}
          onPageChange={(page) => setQuery((q) => ({ ...q, page }))}
          onPageSizeChange={(pageSize) => set({ pageSize })}
        />
      ) : null}
    </div>
  );
}
